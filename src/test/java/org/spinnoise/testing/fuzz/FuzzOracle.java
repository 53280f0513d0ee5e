package org.spinnoise.testing.fuzz;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;

/**
 * The checks every fuzz target applies to one input: the parser returns, or throws its documented error type with a
 * one-line message; it finishes within a time bound; and it allocates no more than a budget that grows with the input
 * (so a header declaring 10^12 bytes cannot make it reserve them before they arrive). A breach is an AssertionError
 * that names the input, which is what Jazzer and the seeded runs report as a finding.
 */
public final class FuzzOracle {
    /**
     * One input may take this long; parsers of a few kilobytes answer in microseconds, so this only catches hangs and
     * runaway work (a loaded CI machine can still stall a JVM for a second or two).
     */
    public static final long MAX_NANOS_PER_INPUT = 10_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzOracle() {
    }

    /** The documented error of a parser documented never to throw: nothing is an instance of it. */
    public static final class Never extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Never() {
        }
    }

    /** A parse step that may throw anything, so the oracle can judge what it throws. */
    @FunctionalInterface
    public interface Parse<T> {
        T run() throws Throwable;
    }

    /**
     * Runs {@code parse} on {@code input}: returns its result, or null when it threw {@code documented} with a
     * one-line message. Anything else thrown, a message over several lines or none, a run over the time bound, or
     * more than {@code fixedBytes + bytesPerInputByte × input.length} allocated fails with the input in hex. A parse
     * over the time or allocation bound runs once more, so must be idempotent.
     */
    public static <T> T check(byte[] input, Class<? extends Throwable> documented, long fixedBytes,
                              long bytesPerInputByte, Parse<T> parse) {
        long budget = fixedBytes + bytesPerInputByte * input.length;
        Run<T> run = measure(parse);
        if (run.nanos > MAX_NANOS_PER_INPUT || run.allocated > budget) {
            // The first parse in a JVM loads and initialises classes, which allocates and takes time once: only a
            // breach that happens again is the parser's.
            run = measure(parse);
        }
        if (run.thrown != null) {
            if (!documented.isInstance(run.thrown)) {
                throw new AssertionError("threw " + run.thrown.getClass().getName() + " (documented: "
                        + documented.getSimpleName() + ") on input " + hex(input), run.thrown);
            }
            oneLine(run.thrown, input);
        }
        if (run.nanos > MAX_NANOS_PER_INPUT) {
            throw new AssertionError("took " + run.nanos / 1_000_000 + " ms on input " + hex(input));
        }
        if (run.allocated > budget) {
            throw new AssertionError("allocated " + run.allocated + " bytes, more than the " + budget
                    + " allowed for " + input.length + " input bytes, on input " + hex(input));
        }
        return run.thrown == null ? run.result : null;
    }

    private record Run<T>(T result, Throwable thrown, long nanos, long allocated) {
    }

    private static <T> Run<T> measure(Parse<T> parse) {
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        T result = null;
        Throwable thrown = null;
        try {
            result = parse.run();
        } catch (Throwable t) {
            thrown = t;
        }
        long nanos = System.nanoTime() - t0;
        return new Run<>(result, thrown, nanos, THREADS.getThreadAllocatedBytes(thread) - allocatedBefore);
    }

    /** The documented error's message is what a user reads: present, not blank, one line. */
    public static void oneLine(Throwable error, byte[] input) {
        String message = error.getMessage();
        if (message == null || message.isBlank() || message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
            throw new AssertionError(error.getClass().getSimpleName() + " message is not one line: '" + message
                    + "' on input " + hex(input), error);
        }
    }

    /** The input as hex, cut after 512 bytes so a finding's report stays readable. */
    public static String hex(byte[] input) {
        int shown = Math.min(input.length, 512);
        String text = HexFormat.of().formatHex(input, 0, shown);
        return input.length > shown ? text + "... (" + input.length + " bytes)" : text + " (" + input.length + " bytes)";
    }
}

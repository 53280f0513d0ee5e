package org.spinnoise.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench progress}: what one progress report costs the work that makes it. Times
 * {@link Progress#advance} on the bar and the periodic lines (drawing to a discarding writer at their real rate,
 * with the real clock), beside {@link Progress#NONE} and a bare {@code System.nanoTime()} in the same run, and counts
 * the bytes allocated per report. Work reports per batch (the acquisition engine a thousand times per run), so a few
 * tens of nanoseconds per report is nothing beside the batch.
 */
@Command(name = "progress", description = "Cost of one progress report: bar and lines beside no display and a bare "
        + "clock read.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench progress",
                "  spinnoise bench progress --calls 20000000"})
final class ProgressBenchCommand implements Callable<Integer> {
    private static final int ROUNDS = 5;
    /** Keeps the clock loop's reads from being optimised away. */
    private static long sink;

    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--calls", paramLabel = "N", defaultValue = "50000000",
            description = "Reports per timed round (default: ${DEFAULT-VALUE}).")
    long calls;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        double clockNs = best(() -> clockLoop(calls));
        double noneNs = best(() -> advanceLoop(Progress.NONE, calls));
        double barNs = best(() -> advanceLoop(new ConsoleProgressBar(discard), calls));
        double linesNs = best(() -> advanceLoop(new PeriodicProgressLines(discard), calls));
        double barBytes = bytesPerCall(() -> advanceLoop(new ConsoleProgressBar(discard), calls));
        double linesBytes = bytesPerCall(() -> advanceLoop(new PeriodicProgressLines(discard), calls));
        out.printf(Locale.ROOT, "baseline  %6.1f ns  System.nanoTime() alone%n", clockNs);
        out.printf(Locale.ROOT, "baseline  %6.1f ns  advance() on Progress.NONE%n", noneNs);
        out.printf(Locale.ROOT, "bar       %6.1f ns  per advance(), %.4f bytes allocated per call%n", barNs, barBytes);
        out.printf(Locale.ROOT, "lines     %6.1f ns  per advance(), %.4f bytes allocated per call%n", linesNs,
                linesBytes);
        out.printf(Locale.ROOT, "an acquisition reports 1,000 times per run: %.1f us in all with the bar%n",
                barNs * 1000 / 1e3);
        out.printf(Locale.ROOT, "{\"bench\":\"progress\",\"calls\":%d,\"nanotime_ns\":%.2f,\"none_ns\":%.2f,"
                        + "\"bar_ns\":%.2f,\"lines_ns\":%.2f,\"bar_bytes_per_call\":%.5f,\"lines_bytes_per_call\":%.5f}%n",
                calls, clockNs, noneNs, barNs, linesNs, barBytes, linesBytes);
        out.flush();
        return 0;
    }

    /** Nanoseconds per call, the best of a warm-up and {@value #ROUNDS} rounds. */
    private double best(Round round) {
        round.run();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            round.run();
            best = Math.min(best, (double) (System.nanoTime() - t0) / calls);
        }
        return best;
    }

    private double bytesPerCall(Round round) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        round.run();
        long before = threads.getThreadAllocatedBytes(id);
        round.run();
        return (double) (threads.getThreadAllocatedBytes(id) - before) / calls;
    }

    @FunctionalInterface
    private interface Round {
        long run();
    }

    private static long clockLoop(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += System.nanoTime();
        }
        sink += sum;
        return sum;
    }

    /** One task of {@code n} units, reported one by one, as a loop reporting per batch would. */
    private static long advanceLoop(Progress progress, long n) {
        progress.begin("bench", n, "bit");
        for (long i = 1; i <= n; i++) {
            progress.advance(i);
        }
        progress.end();
        return n;
    }
}

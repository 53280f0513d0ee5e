package org.spinnoise.bits;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.spinnoise.instrument.Bench;

/**
 * The short check that a junction still sits at its operating point before a run's bits continue (after a resume or
 * a reconnect): {@value #CHECK_BITS} bits made one at a time at the operating point, not counted as run bits, whose
 * fraction of ones must lie within {@value #TOLERANCE} of 1/2. The reads go to a log the caller keeps (a CSV in the
 * run folder), so the check is traceable like every other read.
 */
public final class OperatingPointCheck {
    /** Bits of the check. */
    public static final int CHECK_BITS = 512;
    /** Largest |fraction of ones − 1/2| the check accepts: 4.5 standard deviations of a fair coin over 512 bits. */
    public static final double TOLERANCE = 0.1;

    /** Where the check's reads go. */
    public interface ReadLog {
        void accept(BitBatch batch) throws IOException;
    }

    /**
     * What a check found.
     *
     * @param bits           bits made (fewer than {@link #CHECK_BITS} only when a stop was asked for)
     * @param ones           ones among them
     * @param amplitudeVolts the write amplitude checked
     */
    public record Result(long bits, long ones, double amplitudeVolts) {
        public double onesFraction() {
            return bits == 0 ? Double.NaN : (double) ones / bits;
        }

        /** True when the check ran in full and its ones fraction is within the tolerance of 1/2. */
        public boolean passed() {
            return bits >= CHECK_BITS && Math.abs(onesFraction() - 0.5) <= TOLERANCE;
        }

        /** One line: "operating-point check: 0.496 of 512 bits at 0.5312 V were ones (1/2 +/- 0.10)"; ASCII, as events.csv is. */
        public String describe() {
            return String.format("operating-point check: %.3f of %d bits at %.4f V were ones (1/2 +/- %.2f)",
                    onesFraction(), bits, amplitudeVolts, TOLERANCE);
        }
    }

    private OperatingPointCheck() {
    }

    /**
     * Makes the check's bits at the operating point (the SMU's read must be configured; both pulse channels are
     * configured here) and returns what it found, without judging it. Stops early when {@code stopRequested} says so.
     */
    public static Result run(Bench bench, OperatingPoint point, Threshold threshold, BooleanSupplier stopRequested,
                             ReadLog log) throws IOException {
        long bits = 0;
        long ones = 0;
        try (PerBitBenchSource source = PerBitBenchSource.start(bench, point, threshold, 0, CHECK_BITS,
                stopRequested)) {
            for (BitBatch batch; (batch = source.nextBatch(CHECK_BITS)).bitCount() > 0; ) {
                log.accept(batch);
                bits += batch.bitCount();
                ones += batch.ones();
            }
        }
        return new Result(bits, ones, point.write().amplitudeVolts());
    }
}

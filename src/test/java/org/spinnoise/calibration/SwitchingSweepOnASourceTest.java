package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * The sweep needs nothing but the {@link BitSource} seam: on a source whose bits switch with a known sigmoid of the
 * write amplitude (as a board's would), the fit finds its V50, each point's bits are recorded only once complete, and
 * a source that ends early fails the sweep in one line.
 */
class SwitchingSweepOnASourceTest {
    private static final double V50_VOLTS = 0.55;
    private static final double DELTA_VOLTS = 0.01;

    /** Bits in batches of at most 100, each a 1 with the sigmoid's probability at the write amplitude. */
    private static final class SigmoidSource implements BitSource {
        private final SplittableRandom random = new SplittableRandom(17);
        private final long budget;
        private PulseShape write = new PulseShape(0.4, 2e-8);
        private long index;

        SigmoidSource(long budget) {
            this.budget = budget;
        }

        @Override
        public BitBatch nextBatch(int maxBits) {
            int n = (int) Math.min(Math.min(maxBits, 100), budget - index);
            byte[] packed = new byte[(n + 7) / 8];
            double p = 1 / (1 + Math.exp(-(write.amplitudeVolts() - V50_VOLTS) / DELTA_VOLTS));
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < p) {
                    packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
                }
            }
            BitBatch batch = new BitBatch(index, n, packed, List.of(), List.of());
            index += n;
            return batch;
        }

        @Override
        public void setWrite(PulseShape newWrite) {
            write = newWrite;
        }

        @Override
        public PulseShape write() {
            return write;
        }

        @Override
        public String describe() {
            return "sigmoid source";
        }

        @Override
        public SourceProvenance provenance() {
            return SourceProvenance.bench("test", write, null, null);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theFitOfASweepOverAnySourceFindsItsV50() throws Exception {
        SweepPlan plan = SweepPlan.linear(0.50, 0.60, 21, 1_000, 2e-8);
        List<BitBatch> recorded = new ArrayList<>();
        List<SwitchingPoint> points = new ArrayList<>();
        SwitchingCurve curve = SwitchingSweep.run(new SigmoidSource(Long.MAX_VALUE), plan, 3, recorded::add,
                points::add, () -> false);
        SigmoidFitResult fit = curve.fit();
        assertEquals(V50_VOLTS, fit.v50Volts(), 4 * fit.v50StdErrVolts());
        assertEquals(DELTA_VOLTS, fit.deltaVolts(), 4 * fit.deltaStdErrVolts());
        assertEquals(21, points.size());
        assertEquals(21L * 1_000, recorded.stream().mapToLong(BitBatch::bitCount).sum());
    }

    @Test
    void aSourceThatEndsMidSweepFailsItAtThatPoint() {
        SweepPlan plan = SweepPlan.linear(0.50, 0.60, 5, 1_000, 2e-8);
        List<SwitchingPoint> points = new ArrayList<>();
        List<BitBatch> recorded = new ArrayList<>();
        CalibrationException e = assertThrows(CalibrationException.class, () -> SwitchingSweep.run(
                new SigmoidSource(2_500), plan, 3, recorded::add, points::add, () -> false));
        assertTrue(e.getMessage().startsWith("switching sweep: sigmoid source ended at ")
                && e.getMessage().endsWith(" after 2 of 5 points"), e.getMessage());
        assertEquals(2, points.size());
        assertEquals(2_000, recorded.stream().mapToLong(BitBatch::bitCount).sum(), "the third point's bits were kept");
    }
}

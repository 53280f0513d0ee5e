package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * A board confirms the bits already in flight when the write pulse moves; they were made at the old amplitude. The
 * tracker must hand them on but count them in no window, or its next estimate of V50 is pulled by bits the new
 * amplitude never made.
 */
class DriftTrackerInFlightTest {
    private static final double V50 = 0.62;
    private static final double DELTA = 0.015;
    private static final int IN_FLIGHT_BITS = 3000;

    @Test
    void bitsInFlightWhenTheAmplitudeMovedCountInNoWindow() throws IOException {
        InFlightSource source = new InFlightSource(0.60, 7);
        List<TrackingRow> rows = new ArrayList<>();
        DriftTracker tracker = new DriftTracker(source, V50, DELTA, TrackingPlan.DEFAULT, 1.5,
                DeviceRangeGuard.forBitsOnly(0, 0), rows::add, 0);
        long handedOn = 0;
        while (handedOn < 120_000) {
            handedOn += tracker.nextBatch(2000).bitCount();
        }
        assertTrue(source.moves > 0, "the tracker never moved the amplitude off 0.60 V");
        assertTrue(handedOn == source.index, "every bit the source made is handed on");
        // The stale bits are all ones; had any window counted them, its share of ones would be far above 1/2.
        for (TrackingRow row : rows) {
            double ones = (double) row.windowOnes() / row.windowBits();
            assertTrue(ones < 0.6, "window ending at bit " + row.bitIndex() + " counted stale bits: ones " + ones);
        }
    }

    /**
     * A fake board: bits are 1 with the logistic probability of the amplitude in force, except the
     * {@value #IN_FLIGHT_BITS} bits after each move, which the "board" had already made: marked all ones here.
     */
    private static final class InFlightSource implements ComparatorSource {
        private final SplittableRandom random;
        private PulseShape write;
        private long index;
        private long settingStart;
        private int moves;

        InFlightSource(double startVolts, long seed) {
            this.write = new PulseShape(startVolts, 1e-8);
            this.random = new SplittableRandom(seed);
        }

        @Override
        public BitBatch nextBatch(int maxBits) {
            int n = Math.min(maxBits, 1000);
            byte[] packed = new byte[(n + 7) / 8];
            double p = 1 / (1 + Math.exp(-(write.amplitudeVolts() - V50) / DELTA));
            for (int i = 0; i < n; i++) {
                boolean stale = index < settingStart;
                if (stale || random.nextDouble() < p) {
                    packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
                }
                index++;
            }
            return new BitBatch(index - n, n, packed, List.of(), List.of());
        }

        @Override
        public void setWrite(PulseShape newWrite) {
            write = newWrite;
            settingStart = index + IN_FLIGHT_BITS;
            moves++;
        }

        @Override
        public long settingStartIndex() {
            return settingStart;
        }

        @Override
        public PulseShape write() {
            return write;
        }

        @Override
        public int maxThresholdCode() {
            return 65535;
        }

        @Override
        public double readVoltsPerCode() {
            return 1e-4;
        }

        @Override
        public double writeVoltsPerCode() {
            return 1e-4;
        }

        @Override
        public double maxWriteVolts() {
            return 1.5;
        }

        @Override
        public int thresholdCode() {
            return 30000;
        }

        @Override
        public int guardBandCodes() {
            return 0;
        }

        @Override
        public void setComparator(int thresholdCode, int guardBandCodes) {
            throw new UnsupportedOperationException("the tracker moves only the write pulse");
        }

        @Override
        public void setWriteOff() {
            throw new UnsupportedOperationException("the tracker moves only the write pulse");
        }

        @Override
        public boolean writeOff() {
            return false;
        }

        @Override
        public String describe() {
            return "fake board with bits in flight";
        }

        @Override
        public SourceProvenance provenance() {
            return SourceProvenance.bench("fake", write, null, null);
        }

        @Override
        public void close() {
        }
    }
}

package org.spinnoise.calibration.board;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * The board calibration's intervals have their stated coverage: over many seeds of an in-memory comparator junction
 * (normal reads in codes, logistic switching, write in 16-bit DAC steps), the 95 % intervals of both read
 * distributions and of V50 and ΔV contain the truth in about 95 % of calibrations. In memory because a few hundred
 * calibrations on the pty emulator would take minutes; the emulator tests check the same code end to end.
 */
class BoardCalibrationCoverageTest {
    private static final double P_MEAN = 20_000;
    private static final double P_SIGMA = 600;
    private static final double AP_MEAN = 42_000;
    private static final double AP_SIGMA = 1_260;
    private static final double V50 = 0.62;
    private static final double DELTA = 0.015;
    private static final int SEEDS = 200;

    /** A junction behind a comparator, bit by bit. */
    private static final class FakeBoard implements ComparatorSource {
        private final SplittableRandom random;
        private double writeVolts = 0.62;
        private boolean writeOff;
        private int threshold = 31_000;
        private long index;
        private long settingStart;

        FakeBoard(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public BitBatch nextBatch(int maxBits) {
            int n = Math.max(8, maxBits / 8 * 8);
            byte[] packed = new byte[n / 8];
            double p = writeOff ? 0 : 1 / (1 + Math.exp(-(writeVolts - V50) / DELTA));
            for (int i = 0; i < n; i++) {
                boolean ap = random.nextDouble() < p;
                double read = ap ? AP_MEAN + AP_SIGMA * random.nextGaussian() : P_MEAN + P_SIGMA * random.nextGaussian();
                if (read > threshold) {
                    packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
                }
            }
            BitBatch b = new BitBatch(index, n, packed, List.of(), List.of());
            index += n;
            return b;
        }

        @Override
        public void setWrite(PulseShape write) {
            writeVolts = Math.round(write.amplitudeVolts() / writeVoltsPerCode()) * writeVoltsPerCode();
            writeOff = false;
            settingStart = index;
        }

        @Override
        public PulseShape write() {
            return new PulseShape(writeVolts, 1e-8);
        }

        @Override
        public int maxThresholdCode() {
            return 65_535;
        }

        @Override
        public double readVoltsPerCode() {
            return 3.3 / 65_535;
        }

        @Override
        public double writeVoltsPerCode() {
            return 2.0 / 65_535;
        }

        @Override
        public double maxWriteVolts() {
            return 1.5;
        }

        @Override
        public int thresholdCode() {
            return threshold;
        }

        @Override
        public int guardBandCodes() {
            return 0;
        }

        @Override
        public void setComparator(int thresholdCode, int guardBandCodes) {
            threshold = thresholdCode;
            settingStart = index;
        }

        @Override
        public void setWriteOff() {
            writeOff = true;
            settingStart = index;
        }

        @Override
        public boolean writeOff() {
            return writeOff;
        }

        @Override
        public long settingStartIndex() {
            return settingStart;
        }

        @Override
        public String describe() {
            return "in-memory comparator junction";
        }

        @Override
        public SourceProvenance provenance() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theIntervalsCoverTheTruthAboutNinetyFivePercentOfTheTime() throws Exception {
        int[] covered = new int[6];
        long maxPulses = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            BoardCalibration.Result r = BoardCalibration.run(new FakeBoard(seed),
                    BoardCalibration.Plan.defaults(1e-8, seed, null), s -> { }, () -> false);
            BoardThreshold t = r.threshold();
            covered[0] += covers(P_MEAN, t.parallel().meanCode(), t.parallel().meanStdErrCodes());
            covered[1] += covers(P_SIGMA, t.parallel().sigmaCodes(), t.parallel().sigmaStdErrCodes());
            covered[2] += covers(AP_MEAN, t.antiparallel().meanCode(), t.antiparallel().meanStdErrCodes());
            covered[3] += covers(AP_SIGMA, t.antiparallel().sigmaCodes(), t.antiparallel().sigmaStdErrCodes());
            covered[4] += covers(V50, r.fit().v50Volts(), r.fit().v50StdErrVolts());
            covered[5] += covers(DELTA, r.fit().deltaVolts(), r.fit().deltaStdErrVolts());
            maxPulses = Math.max(maxPulses, r.pulses());
        }
        String[] names = {"P mean", "P sigma", "AP mean", "AP sigma", "V50", "dV"};
        for (int i = 0; i < covered.length; i++) {
            double coverage = (double) covered[i] / SEEDS;
            System.out.printf("%s: 95%% interval covered the truth in %.3f of %d calibrations%n", names[i], coverage,
                    SEEDS);
            // 200 calibrations: the coverage of a true 95 % interval has a standard deviation of 0.015.
            assertTrue(coverage >= 0.90 && coverage <= 0.995, names[i] + " coverage " + coverage);
        }
        assertTrue(maxPulses <= 50_000, "every calibration within 50,000 pulses: " + maxPulses);
    }

    private static int covers(double truth, double estimate, double stdErr) {
        return Math.abs(estimate - truth) <= 1.959964 * stdErr ? 1 : 0;
    }
}

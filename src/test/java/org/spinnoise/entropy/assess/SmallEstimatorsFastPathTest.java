package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-level paths of the smaller estimators (MultiMCW, lag, Markov, collision, compression, most common value)
 * and of the bit packing against the straightforward code they replaced (Reference* in the tests): on fair, biased,
 * stuck, periodic, Markov-correlated and regime-switching bits, at sizes near each estimator's minimum and sizes that
 * are not multiples of 64, every count and every estimate must be exactly equal.
 */
class SmallEstimatorsFastPathTest {

    /** Samples of {@code n} bits of every kind the paths distinguish; {@code seed} varies the random ones. */
    static List<byte[]> samples(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> samples = new ArrayList<>();
        samples.add(iid(random, 0.5, n));
        samples.add(iid(random, 0.2, n));
        samples.add(iid(random, 0.05, n));
        samples.add(iid(random, 0.95, n));
        samples.add(new byte[n]);
        byte[] ones = new byte[n];
        java.util.Arrays.fill(ones, (byte) 1);
        samples.add(ones);
        for (int period : new int[] {2, 7, 63, 64, 65, 129, 1 + random.nextInt(300)}) {
            samples.add(periodic(random, period, n));
        }
        samples.add(markov(random, 0.9, n));
        samples.add(markov(random, 0.995, n));
        samples.add(runs(random, 5000, n));
        samples.add(switching(random, n));
        samples.add(racing(random, n));
        return samples;
    }

    static byte[] iid(SplittableRandom random, double pOne, int n) {
        byte[] bits = new byte[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (byte) (random.nextDouble() < pOne ? 1 : 0);
        }
        return bits;
    }

    static byte[] periodic(SplittableRandom random, int period, int n) {
        byte[] bits = new byte[n];
        for (int i = 0; i < n; i++) {
            bits[i] = i >= period ? bits[i - period] : (byte) random.nextInt(2);
        }
        return bits;
    }

    /** Each bit repeats the last with probability {@code stay}. */
    static byte[] markov(SplittableRandom random, double stay, int n) {
        byte[] bits = new byte[n];
        for (int i = 1; i < n; i++) {
            bits[i] = random.nextDouble() < stay ? bits[i - 1] : (byte) (1 - bits[i - 1]);
        }
        return bits;
    }

    /** Runs of one value of random length up to {@code longest}: stuck stretches of every size. */
    static byte[] runs(SplittableRandom random, int longest, int n) {
        byte[] bits = new byte[n];
        int i = 0;
        byte value = 0;
        while (i < n) {
            int length = 1 + random.nextInt(longest);
            for (int k = 0; k < length && i < n; k++) {
                bits[i++] = value;
            }
            value ^= 1;
        }
        return bits;
    }

    /** Fair bits, then a stuck stretch, then biased, then periodic: the regime switches part way through. */
    static byte[] switching(SplittableRandom random, int n) {
        byte[] bits = iid(random, 0.5, n);
        int quarter = n / 4;
        for (int i = quarter; i < 2 * quarter; i++) {
            bits[i] = 1;
        }
        for (int i = 2 * quarter; i < 3 * quarter; i++) {
            bits[i] = (byte) (random.nextDouble() < 0.1 ? 1 : 0);
        }
        for (int i = 3 * quarter; i < n; i++) {
            bits[i] = i >= 100 ? bits[i - 100] : bits[i];
        }
        return bits;
    }

    /**
     * Bias that flips every few thousand bits, so the short windows follow it at once and the long ones late: their
     * scores race and the lead changes hands often (the bit-by-bit fallback of MultiMCW's and lag's scoreboards).
     */
    static byte[] racing(SplittableRandom random, int n) {
        byte[] bits = new byte[n];
        double pOne = 0.3;
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3000) == 0) {
                pOne = 1.0 - pOne;
            }
            bits[i] = (byte) (random.nextDouble() < pOne ? 1 : 0);
        }
        return bits;
    }

    private static final int[] SIZES = {4096, 4097, 4159, 4160, 4161, 6006, 6007, 10_000, 200_003};

    @Test
    void multiMcwCountsEqualThePlainLoop() {
        for (int n : SIZES) {
            int c = 0;
            for (byte[] bits : samples(n, n)) {
                assertEquals(ReferenceMultiMcwPredictionEstimate.counts(bits, Tally.IGNORED),
                        MultiMcwPredictionEstimate.counts(bits, PackedBits.pack(bits), Tally.IGNORED),
                        "MultiMCW, sample " + c + ", L = " + n);
                assertEquals(ReferenceMultiMcwPredictionEstimate.estimate(bits),
                        MultiMcwPredictionEstimate.estimate(bits), 0.0, "MultiMCW estimate, sample " + c + ", L = " + n);
                c++;
            }
        }
    }

    /**
     * The scoreboard against the standard's bit-by-bit rule from states where the others are within a block's reach
     * of the winner, hits sparse or dense, and the winner's hits late in the block: the settle test's boundary
     * (a subpredictor reaching exactly the winner's score, before or after it in scan order) is met many times.
     */
    @Test
    void scoreboardEqualsTheBitByBitRule() {
        SplittableRandom random = new SplittableRandom(637);
        double[] densities = {0.0, 1.0 / 64, 0.1, 0.5, 0.9, 1.0};
        for (int c = 0; c < 50_000; c++) {
            int predictors = 2 + random.nextInt(4);
            long[] score = new long[predictors];
            int winner = random.nextInt(predictors);
            long winnerScore = 1000;
            for (int j = 0; j < predictors; j++) {
                score[j] = j == winner ? winnerScore : winnerScore - random.nextInt(c % 2 == 0 ? 4 : 70);
            }
            long[] hits = new long[predictors];
            for (int j = 0; j < predictors; j++) {
                double density = densities[random.nextInt(densities.length)];
                for (int k = 0; k < 64; k++) {
                    if (random.nextDouble() < density) {
                        hits[j] |= Long.MIN_VALUE >>> k;
                    }
                }
            }
            if (random.nextBoolean()) {
                hits[winner] &= -1L >>> random.nextInt(64); // the winner right only late in the block
            }
            int length = random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 64;
            long valid = length == 64 ? -1L : -1L << (64 - length);
            for (int j = 0; j < predictors; j++) {
                hits[j] &= valid;
            }
            long correct = random.nextInt(5000);
            long run = random.nextInt(3) == 0 ? 0 : random.nextInt(100);
            long longestRun = run + random.nextInt(100);
            PredictorScoreboard board = new PredictorScoreboard(score, winner, correct, run, longestRun);
            board.block(hits, length);
            for (int k = 0; k < length; k++) {
                long position = Long.MIN_VALUE >>> k;
                if ((hits[winner] & position) != 0) {
                    correct++;
                    longestRun = Math.max(longestRun, ++run);
                } else {
                    run = 0;
                }
                for (int j = 0; j < predictors; j++) {
                    if ((hits[j] & position) != 0 && ++score[j] >= score[winner]) {
                        winner = j;
                    }
                }
            }
            String what = "case " + c;
            assertEquals(new PredictionCounts(correct, 1, longestRun), board.counts(1), what);
            assertEquals(winner, board.winner(), what);
            assertEquals(run, board.run(), what);
            for (int j = 0; j < predictors; j++) {
                assertEquals(score[j], board.score(j), what + ", score " + j);
            }
        }
    }

    @Test
    void lagCountsEqualThePlainLoop() {
        int[] sizes = {3, 4, 63, 64, 127, 128, 129, 130, 191, 192, 193, 1000, 4161, 30_011};
        for (int n : sizes) {
            int c = 0;
            for (byte[] bits : samples(n, n)) {
                assertEquals(ReferenceLagPredictionEstimate.counts(bits, Tally.IGNORED),
                        LagPredictionEstimate.counts(bits, PackedBits.pack(bits), Tally.IGNORED),
                        "lag, sample " + c + ", L = " + n);
                assertEquals(ReferenceLagPredictionEstimate.estimate(bits), LagPredictionEstimate.estimate(bits), 0.0,
                        "lag estimate, sample " + c + ", L = " + n);
                c++;
            }
        }
    }

    @Test
    void markovCollisionAndMostCommonValueEqualThePlainLoops() {
        int[] sizes = {6, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4161, 200_003};
        for (int n : sizes) {
            int c = 0;
            for (byte[] bits : samples(n, n)) {
                String what = "sample " + c + ", L = " + n;
                assertEquals(ReferenceMarkovEstimate.estimate(bits), MarkovEstimate.estimate(bits), 0.0,
                        "Markov, " + what);
                assertEquals(ReferenceCollisionEstimate.estimate(bits), CollisionEstimate.estimate(bits), 0.0,
                        "collision, " + what);
                assertEquals(ReferenceMostCommonValueEstimate.estimate(bits), MostCommonValueEstimate.estimate(bits),
                        0.0, "MCV, " + what);
                c++;
            }
        }
        // Markov and MCV start at two samples.
        for (int n = 2; n < 6; n++) {
            for (byte[] bits : samples(n, n)) {
                assertEquals(ReferenceMarkovEstimate.estimate(bits), MarkovEstimate.estimate(bits), 0.0, "Markov");
                assertEquals(ReferenceMostCommonValueEstimate.estimate(bits), MostCommonValueEstimate.estimate(bits),
                        0.0, "MCV");
            }
        }
    }

    @Test
    void compressionEqualsThePlainComputation() {
        int[] sizes = {6006, 6007, 6011, 6012, 10_000, 65_601};
        for (int n : sizes) {
            int c = 0;
            for (byte[] bits : samples(n, n)) {
                assertEquals(ReferenceCompressionEstimate.estimate(bits), CompressionEstimate.estimate(bits), 0.0,
                        "compression, sample " + c + ", L = " + n);
                c++;
            }
        }
        // Values first seen after 2^16 blocks: distances past the statistic's table.
        SplittableRandom random = new SplittableRandom(6);
        byte[] late = iid(random, 0.02, 6 * 80_000 + 5);
        for (int i = 6 * 70_000; i < late.length; i++) {
            late[i] = (byte) random.nextInt(2);
        }
        assertEquals(ReferenceCompressionEstimate.estimate(late), CompressionEstimate.estimate(late), 0.0, "late values");
    }

    @Test
    void packingMatchesTheBitByBitLayouts() {
        SplittableRandom random = new SplittableRandom(64);
        for (int n : new int[] {1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 4161}) {
            byte[] bits = iid(random, 0.5, n);
            assertArrayEquals(SuffixArray.pack(bits), PackedBits.pack(bits), "pack, L = " + n);
            byte[] packed = new byte[(n + 7) / 8 + random.nextInt(3)];
            random.nextBytes(packed);
            for (int i = 0; i < n; i++) {
                int shift = 7 - i % 8;
                packed[i / 8] = (byte) ((packed[i / 8] & ~(1 << shift)) | (bits[i] << shift));
            }
            assertArrayEquals(bits, PackedBits.unpack(packed, n), "unpack, L = " + n);
            assertArrayEquals(SuffixArray.pack(bits), PackedBits.wordsOfPacked(packed, n), "words of packed, L = " + n);
        }
    }
}

package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast estimator paths of issue 18 against the straightforward computations they replaced (kept in the tests as
 * Reference*): on random samples of random length, bias, period and Markov dependence, every intermediate and every
 * estimate must be exactly equal, not merely close.
 */
class FastPathEquivalenceTest {

    private static final int CASES = 200;

    /** A random sample: IID with a random bias, or periodic, or a sticky Markov chain, or stuck, of random length. */
    static byte[] randomSample(SplittableRandom random, int maxLength) {
        int kind = random.nextInt(6);
        int n = kind == 5 ? random.nextInt(1, 200) : random.nextInt(1, maxLength + 1);
        byte[] bits = new byte[n];
        double pOne = switch (random.nextInt(4)) {
            case 0 -> 0.5;
            case 1 -> random.nextDouble();
            case 2 -> random.nextDouble() < 0.5 ? 0.02 : 0.98;
            default -> random.nextDouble(0.3, 0.7);
        };
        int period = 1 + random.nextInt(200);
        double stay = random.nextDouble(0.5, 0.999);
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case 1 -> bits[i] = i >= period ? bits[i - period] : (byte) (random.nextDouble() < pOne ? 1 : 0);
                case 2 -> bits[i] = i > 0 && random.nextDouble() < stay ? bits[i - 1]
                        : (byte) (random.nextDouble() < pOne ? 1 : 0);
                case 3 -> bits[i] = (byte) (pOne < 0.5 ? 0 : 1);
                case 4 -> bits[i] = i >= period && random.nextDouble() < stay ? bits[i - period]
                        : (byte) (random.nextDouble() < pOne ? 1 : 0);
                default -> bits[i] = (byte) (random.nextDouble() < pOne ? 1 : 0);
            }
        }
        return bits;
    }

    @Test
    void suffixArrayAndLcpEqualPlainPrefixDoubling() {
        SplittableRandom random = new SplittableRandom(18);
        for (int c = 0; c < CASES; c++) {
            byte[] bits = randomSample(random, c < CASES / 2 ? 300 : 20_000);
            int[] expected = ReferenceSuffixArray.of(bits);
            int[] sa = SuffixArray.of(bits);
            assertArrayEquals(expected, sa, "suffix array, case " + c + ", L = " + bits.length);
            assertArrayEquals(ReferenceSuffixArray.longestCommonPrefixes(bits, expected),
                    SuffixArray.longestCommonPrefixes(bits, sa), "LCP, case " + c + ", L = " + bits.length);
        }
    }

    @Test
    void lagPredictorCountsEqualThePlainLoop() {
        SplittableRandom random = new SplittableRandom(8);
        for (int c = 0; c < CASES; c++) {
            byte[] bits = randomSample(random, c < CASES / 2 ? 1_000 : 50_000);
            if (bits.length < LagPredictionEstimate.MIN_SAMPLES) {
                continue;
            }
            assertEquals(ReferenceLagPredictionEstimate.counts(bits, Tally.IGNORED),
                    LagPredictionEstimate.counts(bits, SuffixArray.pack(bits), Tally.IGNORED),
                    "case " + c + ", L = " + bits.length);
        }
    }

    @Test
    void markovModelPredictorCountsEqualThePlainLoop() {
        SplittableRandom random = new SplittableRandom(9);
        for (int c = 0; c < CASES; c++) {
            byte[] bits = randomSample(random, c < CASES / 2 ? 1_000 : 60_000);
            if (bits.length >= MultiMmcPredictionEstimate.MIN_SAMPLES) {
                assertEquals(ReferenceMultiMmcPredictionEstimate.counts(bits, Tally.IGNORED),
                        MultiMmcPredictionEstimate.counts(bits, Tally.IGNORED),
                        "MultiMMC case " + c + ", L = " + bits.length);
            }
        }
    }

    /** The search for p with the early-stopping expectation lands on the very double the full sums gave. */
    @Test
    void compressionSearchEqualsTheFullSums() {
        SplittableRandom random = new SplittableRandom(4);
        for (int c = 0; c < 60; c++) {
            int blocks = c < 20 ? random.nextInt(1_001, 3_000) : random.nextInt(1_001, 170_000);
            // Targets across the family's whole range: from near the uniform family's statistic down to a stuck one.
            double target = random.nextDouble(0.0, 6.0);
            assertEquals(ReferenceCompressionEstimate.probabilityForMeanBound(target, blocks),
                    CompressionEstimate.probabilityForMeanBound(target, blocks),
                    "p for X' = " + target + ", " + blocks + " blocks");
            assertEquals(ReferenceCompressionEstimate.fromMeanBound(target, blocks),
                    CompressionEstimate.fromMeanBound(target, blocks), "estimate for X' = " + target);
        }
        for (int c = 0; c < CASES; c++) {
            byte[] bits = randomSample(random, 60_000);
            if (bits.length >= CompressionEstimate.MIN_SAMPLES) {
                assertEquals(ReferenceCompressionEstimate.estimate(bits), CompressionEstimate.estimate(bits),
                        "case " + c + ", L = " + bits.length);
            }
        }
    }
}

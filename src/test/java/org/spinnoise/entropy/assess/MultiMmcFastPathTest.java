package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-order, block-wise MultiMMC estimate (issue 18) against the two loops it replaced, kept as oracles: the
 * plain per-bit loop and the flat-table loop. The PredictionCounts must be equal, not close, on samples of every
 * shape the estimator treats differently: fair, biased, stuck, periodic, Markov, regime switches, the order-16 cap
 * reached mid-block, block edges, tiny samples and lengths that are not multiples of 64. The scoreboard is also
 * checked alone against a step-by-step one on bitsets built to take both its word-at-once and its stepwise paths.
 */
class MultiMmcFastPathTest {

    private static final int SHORT = MultiMmcPredictionEstimate.SHORT_BLOCK_BITS;
    private static final int BLOCK = MultiMmcPredictionEstimate.BLOCK_BITS;

    private static byte[] iid(SplittableRandom random, int n, double pOne) {
        byte[] bits = new byte[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (byte) (random.nextDouble() < pOne ? 1 : 0);
        }
        return bits;
    }

    private static byte[] markov(SplittableRandom random, int n, double stay) {
        byte[] bits = new byte[n];
        for (int i = 1; i < n; i++) {
            bits[i] = random.nextDouble() < stay ? bits[i - 1] : (byte) (1 - bits[i - 1]);
        }
        return bits;
    }

    private static byte[] periodic(SplittableRandom random, int n, int period) {
        byte[] pattern = iid(random, period, 0.5);
        byte[] bits = new byte[n];
        for (int i = 0; i < n; i++) {
            bits[i] = pattern[i % period];
        }
        return bits;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] bits = new byte[first.length + second.length];
        System.arraycopy(first, 0, bits, 0, first.length);
        System.arraycopy(second, 0, bits, first.length, second.length);
        return bits;
    }

    private static void assertSameCounts(byte[] bits, String what) {
        PredictionCounts fast = MultiMmcPredictionEstimate.counts(bits, Tally.IGNORED);
        assertEquals(ReferenceMultiMmcPredictionEstimate.counts(bits, Tally.IGNORED), fast,
                what + ", L = " + bits.length + " (plain loop)");
        assertEquals(ReferenceFlatMultiMmcPredictionEstimate.counts(bits, Tally.IGNORED), fast,
                what + ", L = " + bits.length + " (flat-table loop)");
    }

    @Test
    void tinySamplesOfEveryLengthNearTheMinimum() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n = MultiMmcPredictionEstimate.MIN_SAMPLES; n <= 140; n++) {
            for (int c = 0; c < 4; c++) {
                assertSameCounts(iid(random, n, c < 2 ? 0.5 : 0.15), "tiny iid");
            }
            assertSameCounts(new byte[n], "tiny zeros");
        }
    }

    @Test
    void fairBiasedAndStuckSamplesAcrossBlockEdges() {
        SplittableRandom random = new SplittableRandom(2);
        int[] lengths = {1_000, 4_097, SHORT - 1, SHORT, SHORT + 1, SHORT + 2, SHORT + 3, 2 * SHORT + 2,
            3 * SHORT + 65, 50_001};
        for (int n : lengths) {
            assertSameCounts(iid(random, n, 0.5), "fair");
            assertSameCounts(iid(random, n, 0.2), "p = 0.2");
            assertSameCounts(iid(random, n, 0.05), "p = 0.05");
            byte[] ones = new byte[n];
            java.util.Arrays.fill(ones, (byte) 1);
            assertSameCounts(ones, "all ones");
            assertSameCounts(new byte[n], "all zeros");
        }
    }

    @Test
    void periodicMarkovAndRegimeSwitchingSamples() {
        SplittableRandom random = new SplittableRandom(3);
        for (int period : new int[] {1, 2, 3, 7, 17, 64, 100, 1_000}) {
            assertSameCounts(periodic(random, 30_011, period), "period " + period);
        }
        for (double stay : new double[] {0.55, 0.8, 0.95, 0.999}) {
            assertSameCounts(markov(random, 40_003, stay), "Markov stay " + stay);
        }
        assertSameCounts(concat(iid(random, 20_000, 0.5), new byte[20_000]), "fair then stuck");
        assertSameCounts(concat(new byte[20_000], iid(random, 20_001, 0.5)), "stuck then fair");
        assertSameCounts(concat(periodic(random, 15_000, 5), iid(random, 25_000, 0.5)), "periodic then fair");
        assertSameCounts(concat(iid(random, 25_000, 0.1), iid(random, 25_000, 0.9)), "p = 0.1 then p = 0.9");
        assertSameCounts(concat(markov(random, 20_000, 0.97), iid(random, 20_000, 0.5)), "Markov then fair");
    }

    /**
     * About 190,000 fair bits fill the order-16 model's 100,000 entries, the cap landing inside a block; by about
     * 400,000 the order-15 model has seen all its contexts, so orders 11-15 run as one pass.
     */
    @Test
    void orderSixteenCapReachedMidBlockAndOrdersElevenToFifteenTogether() {
        SplittableRandom random = new SplittableRandom(4);
        assertSameCounts(iid(random, 480_003, 0.5), "fair past the cap and every order-15 context");
        assertSameCounts(concat(iid(random, 200_000, 0.5), markov(random, 60_000, 0.9)), "cap then Markov");
        int longBlocks = MultiMmcPredictionEstimate.SHORT_BLOCKS_UNTIL;
        assertSameCounts(iid(random, longBlocks + BLOCK + 3, 0.5), "fair into the long blocks");
        assertSameCounts(concat(markov(random, longBlocks, 0.7), iid(random, 2 * BLOCK + 1, 0.2)),
                "Markov then biased in the long blocks");
    }

    @Test
    void tallyReportsProgress() {
        Tally tally = new Tally();
        byte[] bits = iid(new SplittableRandom(5), 3 * Tally.EVERY + 7, 0.5);
        MultiMmcPredictionEstimate.counts(bits, tally);
        assertTrue(tally.bits() >= 3L * Tally.EVERY, "tally at " + tally.bits());
    }

    /** The straightforward scoreboard: every order, every step, as in the reference loops. */
    private static PredictionCounts stepByStep(List<long[][]> hitWords, List<long[][]> missWords, int orders) {
        long[] score = new long[orders];
        int winner = 0;
        long correct = 0;
        long run = 0;
        long longest = 0;
        for (int b = 0; b < hitWords.size(); b++) {
            long[][] hits = hitWords.get(b);
            long[][] misses = missWords.get(b);
            for (int w = 0; w < hits[0].length; w++) {
                for (int t = 0; t < 64; t++) {
                    int current = winner;
                    for (int d = 0; d < orders; d++) {
                        if ((hits[d][w] >>> t & 1) != 0 && ++score[d] >= score[winner]) {
                            winner = d;
                        }
                    }
                    if ((hits[current][w] >>> t & 1) != 0) {
                        correct++;
                        longest = Math.max(longest, ++run);
                    } else if ((misses[current][w] >>> t & 1) != 0) {
                        run = 0;
                    }
                }
            }
        }
        return new PredictionCounts(correct, 0, longest);
    }

    /**
     * Orders with their own rate of right, wrong and missing predictions, some far apart (one order leads by more
     * than a word can close, so whole words settle at once) and some neck and neck (the stepwise path), changing
     * from word to word.
     */
    @Test
    void scoreboardEqualsStepByStepOnBothPaths() {
        SplittableRandom random = new SplittableRandom(6);
        int orders = 16;
        for (int c = 0; c < 30; c++) {
            double[] right = new double[orders];
            double[] said = new double[orders];
            for (int d = 0; d < orders; d++) {
                right[d] = random.nextInt(4) == 0 ? random.nextDouble() : 0.5 + random.nextDouble(-0.05, 0.05);
                said[d] = random.nextInt(3) == 0 ? random.nextDouble() : 1.0;
            }
            MmcScoreboard scoreboard = new MmcScoreboard(orders);
            List<long[][]> allHits = new ArrayList<>();
            List<long[][]> allMisses = new ArrayList<>();
            for (int b = 0; b < 6; b++) {
                int words = 1 + random.nextInt(40);
                long[][] hits = new long[orders][words];
                long[][] misses = new long[orders][words];
                for (int d = 0; d < orders; d++) {
                    for (int w = 0; w < words; w++) {
                        for (int t = 0; t < 64; t++) {
                            if (random.nextDouble() < said[d]) {
                                if (random.nextDouble() < right[d]) {
                                    hits[d][w] |= 1L << t;
                                } else {
                                    misses[d][w] |= 1L << t;
                                }
                            }
                        }
                    }
                }
                scoreboard.play(hits, misses, words);
                allHits.add(hits);
                allMisses.add(misses);
            }
            assertEquals(stepByStep(allHits, allMisses, orders), scoreboard.counts(0), "case " + c);
        }
    }
}

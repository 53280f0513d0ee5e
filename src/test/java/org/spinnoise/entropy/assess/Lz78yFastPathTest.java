package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The LZ78Y estimate with its full-dictionary stage ({@link Lz78yFullDictionary}) against the plain loop from before
 * issue 18 ({@link ReferenceLz78yPredictionEstimate}): the counts must be identical on every kind of sample, with
 * the real dictionary and with small ones that fill early. A replay of the plain loop ({@link Paths}) shows that the
 * samples reach every path of the fast stage, and checks on every step the ordering of counts it relies on.
 */
class Lz78yFastPathTest {

    private static final int[] SMALL_DICTIONARIES = {1, 16, 17, 18, 20, 24, 32, 40, 64, 100, 300, 1_000, 4_000};
    private static final int[] BLOCKS = {1, 2, 8, 64, Lz78yFullDictionary.BLOCK_STEPS};

    @Test
    void countsEqualThePlainLoopOnEveryKindOfSample() {
        SplittableRandom random = new SplittableRandom(1810);
        List<byte[]> samples = new ArrayList<>();
        for (int n = Lz78yPredictionEstimate.MIN_SAMPLES; n <= 40; n++) {
            samples.add(Samples.fair(random, n));
            samples.add(Samples.constant(n, 1));
        }
        samples.add(Samples.fair(random, 30_001));
        samples.add(Samples.fair(random, 65_536));
        samples.add(Samples.fair(random, 70_000 + 63));
        samples.add(Samples.biased(random, 700_000 + 5, 0.2));
        samples.add(Samples.biased(random, 200_000 + 17, 0.05));
        samples.add(Samples.constant(50_001, 0));
        samples.add(Samples.periodic(random, 60_000 + 1, 7));
        samples.add(Samples.periodic(random, 120_000 + 3, 40_000));
        samples.add(Samples.markov(random, 100_000 + 9, 0.9));
        samples.add(Samples.markov(random, 300_000 + 11, 0.65));
        samples.add(Samples.regimeSwitch(random, 100_001, Samples.constant(100_001, 1)));
        samples.add(Samples.regimeSwitch(random, 100_001, Samples.periodic(random, 100_001, 13)));
        samples.add(Samples.regimeSwitch(random, 100_001, Samples.biased(random, 100_001, 0.05)));
        Paths paths = new Paths();
        for (int c = 0; c < samples.size(); c++) {
            byte[] bits = samples.get(c);
            assertSameCounts(bits, 65_536, "sample " + c);
            paths.replay(bits, 65_536, Lz78yFullDictionary.BLOCK_STEPS);
        }
        assertTrue(paths.neverFilled, "some sample never fills the dictionary");
        assertTrue(paths.filledMidSample, "some sample fills the dictionary and goes on");
    }

    @Test
    void countsEqualThePlainLoopWithSmallDictionariesAndBlocks() {
        SplittableRandom random = new SplittableRandom(1811);
        Paths paths = new Paths();
        for (int maxDictionary : SMALL_DICTIONARIES) {
            for (int blockSteps : BLOCKS) {
                byte[] bits = Samples.pairs(random, 3_000);
                assertEquals(ReferenceLz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary),
                        Lz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary, blockSteps),
                        "pairs with " + maxDictionary + " contexts, blocks of " + blockSteps);
                paths.replay(bits, maxDictionary, blockSteps);
            }
        }
        for (int c = 0; c < 1_500; c++) {
            int maxDictionary = SMALL_DICTIONARIES[c % SMALL_DICTIONARIES.length];
            int blockSteps = BLOCKS[(c / SMALL_DICTIONARIES.length) % BLOCKS.length];
            byte[] bits = Samples.any(random, c % 10 == 0 ? 20_000 : 2_000);
            assertEquals(ReferenceLz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary),
                    Lz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary, blockSteps),
                    "case " + c + " with " + maxDictionary + " contexts, blocks of " + blockSteps + ", L = "
                            + bits.length);
            paths.replay(bits, maxDictionary, blockSteps);
        }
        assertTrue(paths.filledByPriming, "a dictionary full before the first prediction");
        assertTrue(paths.fillLeftShorterOut, "a step filling the dictionary before reaching its shorter contexts");
        assertTrue(paths.readPartlyPresentLength, "a block reading a length not all of whose contexts are present");
        assertTrue(paths.caughtUp, "a length counting steps it skipped");
        assertTrue(paths.tiedThroughEveryLength, "a step whose every present context ties");
        assertTrue(paths.noPredictionAfterFill, "a step with no present context after the fill");
        assertTrue(paths.tieChangedPredictionInFullLength, "a longer context, all of its length present, tying and "
                + "predicting the other bit");
        assertTrue(paths.tieChangedPredictionInPartLength, "a longer context, not all of its length present, "
                + "tying and predicting the other bit");
        assertTrue(paths.settledAboveLengthTwo, "a step settled only by a context longer than 2 bits");
    }

    @Test
    void progressIsReportedAtTheSameStepsAsThePlainLoop() {
        SplittableRandom random = new SplittableRandom(1812);
        for (int n : new int[] {65_536, 65_537, 131_072, 200_000}) {
            byte[] bits = Samples.fair(random, n);
            Tally expected = new Tally();
            Tally actual = new Tally();
            ReferenceLz78yPredictionEstimate.counts(bits, expected);
            Lz78yPredictionEstimate.counts(bits, actual);
            assertEquals(expected.bits(), actual.bits(), "last progress report, L = " + n);
        }
    }

    private static void assertSameCounts(byte[] bits, int maxDictionary, String what) {
        assertEquals(ReferenceLz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary),
                Lz78yPredictionEstimate.counts(bits, Tally.IGNORED, maxDictionary, Lz78yFullDictionary.BLOCK_STEPS),
                what + ", L = " + bits.length);
    }

    /** Seeded samples of the kinds the estimator meets. */
    static final class Samples {

        static byte[] any(SplittableRandom random, int maxLength) {
            int n = random.nextInt(Lz78yPredictionEstimate.MIN_SAMPLES, maxLength + 1);
            return switch (random.nextInt(9)) {
                case 0 -> fair(random, n);
                case 1 -> biased(random, n, random.nextDouble() < 0.5 ? 0.2 : 0.05);
                case 2 -> constant(n, random.nextInt(2));
                case 3 -> periodic(random, n, 1 + random.nextInt(100));
                case 4 -> markov(random, n, random.nextDouble(0.5, 0.99));
                case 5 -> regimeSwitch(random, n, periodic(random, n, 1 + random.nextInt(20)));
                case 6 -> structured(random, n);
                case 7 -> phases(random, n);
                default -> pairs(random, n);
            };
        }

        static byte[] fair(SplittableRandom random, int n) {
            return biased(random, n, 0.5);
        }

        static byte[] biased(SplittableRandom random, int n, double pOne) {
            byte[] bits = new byte[n];
            for (int i = 0; i < n; i++) {
                bits[i] = (byte) (random.nextDouble() < pOne ? 1 : 0);
            }
            return bits;
        }

        static byte[] constant(int n, int bit) {
            byte[] bits = new byte[n];
            java.util.Arrays.fill(bits, (byte) bit);
            return bits;
        }

        static byte[] periodic(SplittableRandom random, int n, int period) {
            byte[] bits = fair(random, n);
            for (int i = period; i < n; i++) {
                bits[i] = bits[i - period];
            }
            return bits;
        }

        static byte[] markov(SplittableRandom random, int n, double stay) {
            byte[] bits = fair(random, n);
            for (int i = 1; i < n; i++) {
                if (random.nextDouble() < stay) {
                    bits[i] = bits[i - 1];
                }
            }
            return bits;
        }

        /** Fair bits for the first half, then the second half of {@code after}. */
        static byte[] regimeSwitch(SplittableRandom random, int n, byte[] after) {
            byte[] bits = fair(random, n);
            System.arraycopy(after, n / 2, bits, n / 2, n - n / 2);
            return bits;
        }

        /**
         * Isolated ones (no two in a row), then zeros, then isolated ones again, a third each. While the ones stay
         * isolated, a 1 is always preceded by a 0, so contexts ending in 1 tie with longer ones and steps are
         * settled only by long contexts; in the zeros every step is settled by two bits.
         */
        static byte[] phases(SplittableRandom random, int n) {
            byte[] bits = new byte[n];
            for (int i = 1; i < n; i++) {
                boolean zeros = i >= n / 3 && i < 2 * n / 3;
                bits[i] = (byte) (!zeros && bits[i - 1] == 0 && random.nextDouble() < 0.4 ? 1 : 0);
            }
            return bits;
        }

        /**
         * Pairs of ones at bits 15 and 16 and then after gaps of at least 14 zeros. With a dictionary of 17
         * contexts the first step (window bits 1 to 16) fills it with its 16-bit context and leaves out the shorter
         * ones but "1": after every later pair that 16-bit context and "1" are present, those between them not.
         */
        static byte[] pairs(SplittableRandom random, int n) {
            byte[] bits = new byte[n];
            for (int i = 15; i + 1 < n; i += 16 + random.nextInt(20)) {
                bits[i] = 1;
                bits[i + 1] = 1;
            }
            return bits;
        }

        /** Runs of ones of at most three bits between runs of zeros: short contexts whose counts tie. */
        static byte[] structured(SplittableRandom random, int n) {
            byte[] bits = new byte[n];
            int i = 0;
            while (i < n) {
                for (int ones = random.nextInt(4); ones > 0 && i < n; ones--) {
                    bits[i++] = 1;
                }
                for (int zeros = 1 + random.nextInt(3); zeros > 0 && i < n; zeros--) {
                    bits[i++] = 0;
                }
            }
            return bits;
        }
    }

    /**
     * Replays the plain loop and records which paths of the full-dictionary stage a sample takes, mirroring its
     * blocks: a step is settled by the first present context (shortest first) whose larger count falls below the
     * shorter ones', and a block reads every length up to the longest that settles one of its steps (all sixteen
     * when a step never settles). On every step it checks that larger counts never rise from shorter present
     * contexts to longer ones, and at the end that the fast stage's tables, brought up to date, hold the loop's
     * counts.
     */
    static final class Paths {
        boolean neverFilled;
        boolean filledMidSample;
        boolean filledByPriming;
        boolean fillLeftShorterOut;
        boolean readPartlyPresentLength;
        boolean caughtUp;
        boolean tiedThroughEveryLength;
        boolean noPredictionAfterFill;
        boolean tieChangedPredictionInFullLength;
        boolean tieChangedPredictionInPartLength;
        boolean settledAboveLengthTwo;

        private boolean[] partlyPresent;

        void replay(byte[] bits, int maxDictionary, int blockSteps) {
            int n = bits.length;
            int[][] counts = new int[16][];
            int context = 0;
            for (int j = 1; j <= 16; j++) {
                counts[j - 1] = new int[1 << (j + 1)];
                context |= bits[16 - j] << (j - 1);
                counts[j - 1][(context << 1) | bits[16]] = 1;
            }
            int dictionary = 16;
            filledByPriming |= dictionary >= maxDictionary && n > 17;
            int window = 0;
            for (int i = 1; i <= 16; i++) {
                window = (window << 1) | bits[i];
            }
            partlyPresent = null;
            Lz78yFullDictionary fast = null;
            int from = 0;
            int[] countedTo = new int[17];
            int blockStart = -1;
            int blockDepth = 0;
            for (int i = 17; i < n; i++) {
                if (dictionary >= maxDictionary) {
                    if (partlyPresent == null) {
                        partlyPresent = partlyPresent(counts);
                        fast = new Lz78yFullDictionary(copy(counts), i, 0, 0, 0);
                        from = i;
                        java.util.Arrays.fill(countedTo, i);
                        filledMidSample |= maxDictionary > 16;
                    }
                    if (blockStart < 0) {
                        blockStart = i;
                    }
                    blockDepth = Math.max(blockDepth, settlingLength(counts, window));
                    int blockEnd = Math.min(n, (blockStart & -blockSteps) + blockSteps);
                    if (i + 1 == blockEnd) {
                        for (int j = 1; j <= blockDepth; j++) {
                            readPartlyPresentLength |= partlyPresent[j];
                            caughtUp |= countedTo[j] < blockStart;
                            countedTo[j] = blockEnd;
                        }
                        blockStart = -1;
                        blockDepth = 0;
                    }
                }
                int bit = bits[i];
                boolean filledNow = false;
                for (int j = 16; j > 0; j--) {
                    int slot = (window & ((1 << j) - 1)) << 1;
                    int[] model = counts[j - 1];
                    if (model[slot] + model[slot + 1] > 0) {
                        model[slot + bit]++;
                    } else if (dictionary < maxDictionary) {
                        model[slot + bit] = 1;
                        filledNow = ++dictionary == maxDictionary;
                    } else if (filledNow) {
                        fillLeftShorterOut = true;
                    }
                }
                window = (window << 1) | bit;
            }
            neverFilled |= dictionary < maxDictionary;
            if (fast != null) {
                fast.finish(bits, from, blockSteps, Tally.IGNORED);
                for (int j = 1; j <= 16; j++) {
                    assertArrayEquals(counts[j - 1], fast.countsAtEnd(j, bits), "counts of length " + j
                            + " at the end, " + maxDictionary + " contexts, blocks of " + blockSteps);
                }
            }
        }

        private static int[][] copy(int[][] counts) {
            int[][] copy = new int[counts.length][];
            for (int j = 0; j < counts.length; j++) {
                copy[j] = counts[j].clone();
            }
            return copy;
        }

        private static boolean[] partlyPresent(int[][] counts) {
            boolean[] partly = new boolean[17];
            for (int j = 1; j <= 16; j++) {
                int[] model = counts[j - 1];
                for (int slot = 0; slot < model.length; slot += 2) {
                    partly[j] |= model[slot] + model[slot + 1] == 0;
                }
            }
            return partly;
        }

        /** The length whose context settles this step, 16 if none does; checks the ordering of counts. */
        private int settlingLength(int[][] counts, int window) {
            int best = 0;
            int prediction = -1;
            int previous = Integer.MAX_VALUE;
            int settledAt = 0;
            for (int j = 1; j <= 16; j++) {
                int slot = (window & ((1 << j) - 1)) << 1;
                int zeros = counts[j - 1][slot];
                int ones = counts[j - 1][slot + 1];
                int count = Math.max(zeros, ones);
                if (count == 0) {
                    continue;
                }
                assertTrue(count <= previous, "a longer present context outcounts a shorter one at length " + j);
                previous = count;
                int predicts = zeros > ones ? 0 : 1;
                if (settledAt == 0 && count >= best) {
                    boolean changed = prediction >= 0 && predicts != prediction;
                    tieChangedPredictionInFullLength |= changed && !partlyPresent[j];
                    tieChangedPredictionInPartLength |= changed && partlyPresent[j];
                    best = count;
                    prediction = predicts;
                } else if (settledAt == 0) {
                    settledAt = j;
                }
            }
            noPredictionAfterFill |= prediction < 0;
            tiedThroughEveryLength |= prediction >= 0 && settledAt == 0;
            settledAboveLengthTwo |= settledAt > 2;
            return settledAt == 0 ? 16 : settledAt;
        }
    }
}

package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.10 LZ78Y prediction estimate: a dictionary of contexts of 1 to 16 bits with counts of the bit
 * that followed each; the prediction is the most frequent follower of the matching context with the highest count
 * (longest context first, so the longest wins ties). The dictionary holds at most 65,536 contexts, after which
 * only known contexts are updated. Contexts are packed into ints, most recent bit lowest, one flat count array per
 * length. The loop runs step by step until the dictionary is full (on fair bits within some 25,000 steps); from
 * then on {@link Lz78yFullDictionary} finishes the sample with the same counts, reading long contexts only where
 * they can decide. Semantics follow NIST's tool. The counts go to {@link PredictorBound}.
 */
public final class Lz78yPredictionEstimate {

    public static final String NAME = "LZ78Y Prediction";
    public static final String SECTION = "6.3.10";
    public static final int MIN_SAMPLES = 19;

    private static final int MAX_CONTEXT = 16;
    private static final int MAX_DICTIONARY = 65_536;

    private Lz78yPredictionEstimate() {
    }

    public static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        return counts(bits, tally).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        return counts(bits, tally, MAX_DICTIONARY, Lz78yFullDictionary.BLOCK_STEPS);
    }

    /**
     * As {@link #counts(byte[], Tally)} with a dictionary of at most {@code maxDictionary} contexts and the
     * full-dictionary stage in blocks of {@code blockSteps}; a small cap and small blocks let tests reach every
     * path of that stage with short samples.
     */
    static PredictionCounts counts(byte[] bits, Tally tally, int maxDictionary, int blockSteps) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        // counts[j - 1][(context << 1) | next] for contexts of j bits.
        int[][] counts = new int[MAX_CONTEXT][];
        int dictionary = 0;
        int context = 0;
        for (int j = 1; j <= MAX_CONTEXT; j++) {
            counts[j - 1] = new int[1 << (j + 1)];
            // Prime with the contexts ending at bit 15 and their follower, bit 16 (§6.3.10 step 3).
            context |= bits[MAX_CONTEXT - j] << (j - 1);
            counts[j - 1][(context << 1) | bits[MAX_CONTEXT]] = 1;
            dictionary++;
        }
        int window = 0;
        for (int i = 0; i < MAX_CONTEXT; i++) {
            window = (window << 1) | bits[i + 1];
        }
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        int i = MAX_CONTEXT + 1;
        // Step by step while contexts can still be added; the step that fills the dictionary finishes here too.
        for (; i < n && dictionary < maxDictionary; i++) {
            if ((i & Tally.EVERY_MASK) == 0) {
                tally.reached(i);
            }
            int bit = bits[i];
            boolean havePrediction = false;
            int prediction = 0;
            int bestCount = 0;
            for (int j = MAX_CONTEXT; j > 0; j--) {
                int slot = (window & ((1 << j) - 1)) << 1;
                int[] model = counts[j - 1];
                int zeroCount = model[slot];
                int oneCount = model[slot + 1];
                int count = Math.max(zeroCount, oneCount);
                if (count > 0) {
                    if (count > bestCount) {
                        bestCount = count;
                        havePrediction = true;
                        prediction = zeroCount > oneCount ? 0 : 1;
                    }
                    model[slot + bit]++;
                } else if (dictionary < maxDictionary) {
                    model[slot + bit] = 1;
                    dictionary++;
                }
            }
            if (havePrediction && prediction == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            window = (window << 1) | bit;
        }
        if (i < n) {
            return new Lz78yFullDictionary(counts, i, correct, run, longestRun).finish(bits, i, blockSteps, tally);
        }
        return new PredictionCounts(correct, n - MAX_CONTEXT - 1L, longestRun);
    }
}

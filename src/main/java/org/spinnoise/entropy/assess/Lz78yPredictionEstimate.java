package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.10 LZ78Y prediction estimate: a dictionary of contexts of 1 to 16 bits with counts of the bit
 * that followed each; the prediction is the most frequent follower of the matching context with the highest count
 * (longest context first, so the longest wins ties). The dictionary holds at most 65,536 contexts, after which
 * only known contexts are updated. Contexts are packed into ints, most recent bit lowest, one flat count array per
 * length, so the O(16·L) loop allocates nothing. Semantics follow NIST's tool. The counts go to
 * {@link PredictorBound}.
 */
public final class Lz78yPredictionEstimate {

    public static final String NAME = "LZ78Y Prediction";
    public static final String SECTION = "6.3.10";
    public static final int MIN_SAMPLES = 19;

    private static final int MAX_CONTEXT = 16;
    private static final int MAX_DICTIONARY = 65_536;
    /** Context lengths from which the dictionary is sparse enough for a presence bitset to pay. */
    private static final int SPARSE_FROM = 11;

    private Lz78yPredictionEstimate() {
    }

    public static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        return counts(bits, tally).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        // One flat table: contexts of j bits at offset[j], entry ((context << 1) | next).
        int[] offset = new int[MAX_CONTEXT + 1];
        int size = 0;
        for (int j = 1; j <= MAX_CONTEXT; j++) {
            offset[j] = size;
            size += 1 << (j + 1);
        }
        int[] counts = new int[size];
        // For the long contexts, which the dictionary holds few of, one bit per context says whether it is in the
        // dictionary, so that most lookups stay in a few kilobytes instead of missing the cache in the big tables.
        int[] bitsetOffset = new int[MAX_CONTEXT + 1];
        int words = 0;
        for (int j = SPARSE_FROM; j <= MAX_CONTEXT; j++) {
            bitsetOffset[j] = words;
            words += Math.max(1, (1 << j) >>> 6);
        }
        long[] known = new long[words];
        int dictionary = 0;
        int context = 0;
        for (int j = 1; j <= MAX_CONTEXT; j++) {
            // Prime with the contexts ending at bit 15 and their follower, bit 16 (§6.3.10 step 3).
            context |= bits[MAX_CONTEXT - j] << (j - 1);
            counts[offset[j] + ((context << 1) | bits[MAX_CONTEXT])] = 1;
            if (j >= SPARSE_FROM) {
                known[bitsetOffset[j] + (context >>> 6)] |= 1L << context;
            }
            dictionary++;
        }
        int window = 0;
        for (int i = 0; i < MAX_CONTEXT; i++) {
            window = (window << 1) | bits[i + 1];
        }
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        for (int i = MAX_CONTEXT + 1; i < n; i++) {
            if ((i & Tally.EVERY_MASK) == 0) {
                tally.reached(i);
            }
            int bit = bits[i];
            int prediction = -1;
            int bestCount = 0;
            for (int j = MAX_CONTEXT; j > 0; j--) {
                int key = window & ((1 << j) - 1);
                int slot = offset[j] + (key << 1);
                if (j >= SPARSE_FROM && (known[bitsetOffset[j] + (key >>> 6)] & (1L << key)) == 0) {
                    // Not in the dictionary: no prediction, and the big table is not touched unless it enters.
                    if (dictionary < MAX_DICTIONARY) {
                        known[bitsetOffset[j] + (key >>> 6)] |= 1L << key;
                        counts[slot + bit] = 1;
                        dictionary++;
                    }
                    continue;
                }
                int zeroCount = counts[slot];
                int oneCount = counts[slot + 1];
                int count = Math.max(zeroCount, oneCount);
                // Written without branches on the data where it can be (a known context is the same as a count
                // above 0, and bestCount starts at 0): which context predicts is a coin toss on noisy bits.
                boolean better = count > bestCount;
                prediction = better ? (zeroCount > oneCount ? 0 : 1) : prediction;
                bestCount = better ? count : bestCount;
                counts[slot + bit] += count > 0 ? 1 : 0;
                if (dictionary < MAX_DICTIONARY && count == 0) {
                    counts[slot + bit] = 1;
                    dictionary++;
                }
            }
            if (prediction == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            window = (window << 1) | bit;
        }
        return new PredictionCounts(correct, n - MAX_CONTEXT - 1L, longestRun);
    }
}

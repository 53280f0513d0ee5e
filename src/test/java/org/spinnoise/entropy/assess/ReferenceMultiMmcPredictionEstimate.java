package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.9 multi Markov model with counting (MultiMMC) prediction estimate: 16 subpredictors, the d-th a
 * Markov model of order d that predicts the bit most often seen after the last d bits (1 on a tie); the best scorer
 * so far predicts. Each model keeps at most 100,000 (context, next bit) entries, a cap that only the order-16 model
 * can reach. Contexts are the last d bits packed into an int, most recent bit lowest, so each model is a flat count
 * array of 2^(d+1) entries and the O(16·L) loop allocates nothing. Semantics follow NIST's tool, including that a
 * winner without a prediction neither counts nor breaks the run. The counts go to {@link PredictorBound}.
 */
final class ReferenceMultiMmcPredictionEstimate {

    static final String NAME = "MultiMMC Prediction";
    static final String SECTION = "6.3.9";
    static final int MIN_SAMPLES = 4;

    private static final int MAX_ORDER = 16;
    private static final int MAX_ENTRIES = 100_000;

    private ReferenceMultiMmcPredictionEstimate() {
    }

    static double estimate(byte[] bits) {
        return counts(bits, Tally.IGNORED).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        // counts[d][(context << 1) | next]: how often 'next' followed the (d + 1)-bit context.
        int[][] counts = new int[MAX_ORDER][];
        int[] entries = new int[MAX_ORDER];
        long[] score = new long[MAX_ORDER];
        int context = 0;
        for (int d = 0; d < MAX_ORDER; d++) {
            counts[d] = new int[1 << (d + 2)];
            if (d + 1 < n) {
                // Prime each model with the first transition it can see (§6.3.9 step 3).
                context = (context << 1) | bits[d];
                counts[d][(context << 1) | bits[d + 1]] = 1;
                entries[d] = 1;
            }
        }
        int winner = 0;
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        for (int i = 2; i < n; i++) {
            if ((i & Tally.EVERY_MASK) == 0) {
                tally.reached(i);
            }
            int bit = bits[i];
            int currentWinner = winner;
            boolean seen = false;
            context = 0;
            int orders = Math.min(MAX_ORDER, i - 1);
            for (int d = 0; d < orders; d++) {
                context |= bits[i - d - 1] << d;
                int[] model = counts[d];
                int slot = context << 1;
                // A context never seen at order d is never seen at any longer order either.
                if (d == 0 || seen) {
                    seen = model[slot] + model[slot + 1] > 0;
                }
                if (seen) {
                    int prediction = model[slot] > model[slot + 1] ? 0 : 1;
                    if (prediction == bit) {
                        if (++score[d] >= score[winner]) {
                            winner = d;
                        }
                        if (d == currentWinner) {
                            correct++;
                            longestRun = Math.max(longestRun, ++run);
                        }
                    } else if (d == currentWinner) {
                        run = 0;
                    }
                    if (model[slot + bit] != 0) {
                        model[slot + bit]++;
                    } else if (entries[d] < MAX_ENTRIES) {
                        model[slot + bit] = 1;
                        entries[d]++;
                    }
                } else if (entries[d] < MAX_ENTRIES) {
                    model[slot + bit] = 1;
                    entries[d]++;
                }
            }
        }
        return new PredictionCounts(correct, n - 2L, longestRun);
    }
}

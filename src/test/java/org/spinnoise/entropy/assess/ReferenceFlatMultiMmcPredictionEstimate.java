package org.spinnoise.entropy.assess;

/**
 * The flat-table MultiMMC loop (SP 800-90B §6.3.9) as it stood when issue 18's per-order rewrite began, kept as an
 * oracle beside the plainer {@link ReferenceMultiMmcPredictionEstimate}: all 16 order models in one flat count array,
 * contexts the low d bits of a window of the last 16 bits, the order-16 model capped at 100,000 entries, and a winner
 * without a prediction neither counting nor breaking the run.
 */
final class ReferenceFlatMultiMmcPredictionEstimate {

    static final String NAME = "MultiMMC Prediction";
    static final String SECTION = "6.3.9";
    static final int MIN_SAMPLES = 4;

    private static final int MAX_ORDER = 16;
    private static final int MAX_ENTRIES = 100_000;

    private ReferenceFlatMultiMmcPredictionEstimate() {
    }

    static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        return counts(bits, tally).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        // One flat table: the model of order d + 1 at offset[d], entry ((context << 1) | next) counting how often
        // 'next' followed the (d + 1)-bit context.
        int[] offset = new int[MAX_ORDER];
        int size = 0;
        for (int d = 0; d < MAX_ORDER; d++) {
            offset[d] = size;
            size += 1 << (d + 2);
        }
        int[] counts = new int[size];
        int[] entries = new int[MAX_ORDER];
        int[] score = new int[MAX_ORDER];
        int context = 0;
        for (int d = 0; d < MAX_ORDER; d++) {
            if (d + 1 < n) {
                // Prime each model with the first transition it can see (§6.3.9 step 3).
                context = (context << 1) | bits[d];
                counts[offset[d] + ((context << 1) | bits[d + 1])] = 1;
                entries[d] = 1;
            }
        }
        // The last 16 bits, the most recent lowest: the context of order d + 1 is its low d + 1 bits.
        int window = bits[1] | (bits[0] << 1);
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
            int orders = Math.min(MAX_ORDER, i - 1);
            // -1: the winner had no prediction (it neither counts nor breaks the run), 0 wrong, 1 right.
            int winnerOutcome = -1;
            int d = 0;
            // Orders whose context has been seen predict; a context never seen at order d is never seen at any
            // longer order either, so the first unseen one ends the predictions. The body avoids branches on the
            // data where it can: on noisy bits each prediction is a coin toss.
            for (; d < orders; d++) {
                int slot = offset[d] + ((window & ((2 << d) - 1)) << 1);
                int zeros = counts[slot];
                int ones = counts[slot + 1];
                if (zeros + ones == 0) {
                    break;
                }
                int hit = (zeros > ones ? 0 : 1) == bit ? 1 : 0;
                int newScore = score[d] + hit;
                score[d] = newScore;
                winner = hit != 0 && newScore >= score[winner] ? d : winner;
                winnerOutcome = d == currentWinner ? hit : winnerOutcome;
                int entry = slot + bit;
                if (counts[entry] != 0) {
                    counts[entry]++;
                } else if (entries[d] < MAX_ENTRIES) {
                    counts[entry] = 1;
                    entries[d]++;
                }
            }
            if (winnerOutcome == 1) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else if (winnerOutcome == 0) {
                run = 0;
            }
            for (; d < orders; d++) {
                if (entries[d] < MAX_ENTRIES) {
                    counts[offset[d] + ((window & ((2 << d) - 1)) << 1) + bit] = 1;
                    entries[d]++;
                }
            }
            window = (window << 1) | bit;
        }
        return new PredictionCounts(correct, n - 2L, longestRun);
    }
}

package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.7 multi most common in window (MultiMCW) prediction estimate: four subpredictors guess the most
 * common bit of the last 63, 255, 1023 and 4095 bits; the one with the best score so far makes the prediction.
 * Windows are odd, so the most common bit of a full window is never tied. Predictions start at bit 63; each
 * subpredictor scores only once its window is full. The counts go to {@link PredictorBound}.
 */
final class ReferenceMultiMcwPredictionEstimate {

    static final String NAME = "MultiMCW Prediction";
    static final String SECTION = "6.3.7";
    static final int MIN_SAMPLES = 4096;

    private static final int[] WINDOWS = {63, 255, 1023, 4095};

    private ReferenceMultiMcwPredictionEstimate() {
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
        int windows = WINDOWS.length;
        int[] ones = new int[windows];
        int[] frequent = new int[windows];
        long[] score = new long[windows];
        for (int j = 0; j < windows; j++) {
            for (int i = 0; i < WINDOWS[j]; i++) {
                ones[j] += bits[i];
            }
            frequent[j] = 2 * ones[j] > WINDOWS[j] ? 1 : 0;
        }
        int winner = 0;
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        for (int i = WINDOWS[0]; i < n; i++) {
            if ((i & Tally.EVERY_MASK) == 0) {
                tally.reached(i);
            }
            int bit = bits[i];
            if (frequent[winner] == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            // Ties go to the later (longer) window, as '>=' in the standard's step 3.b.
            for (int j = 0; j < windows; j++) {
                if (i >= WINDOWS[j] && frequent[j] == bit && ++score[j] >= score[winner]) {
                    winner = j;
                }
            }
            for (int j = 0; j < windows; j++) {
                if (i >= WINDOWS[j]) {
                    ones[j] += bit - bits[i - WINDOWS[j]];
                    frequent[j] = 2 * ones[j] > WINDOWS[j] ? 1 : 0;
                }
            }
        }
        return new PredictionCounts(correct, n - WINDOWS[0], longestRun);
    }
}

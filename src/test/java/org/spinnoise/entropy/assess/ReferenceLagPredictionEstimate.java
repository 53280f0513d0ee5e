package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.8 lag prediction estimate: 128 subpredictors each guess that the next bit repeats the bit d
 * places back (d = 1..128); the one with the best score so far predicts. It is tuned to periodic sources. The
 * straightforward O(128·L) loop touches only the byte array and two small score arrays, and takes well under a
 * second for 10^6 bits. The counts go to {@link PredictorBound}.
 */
final class ReferenceLagPredictionEstimate {

    static final String NAME = "Lag Prediction";
    static final String SECTION = "6.3.8";
    static final int MIN_SAMPLES = 3;

    private static final int MAX_LAG = 128;

    private ReferenceLagPredictionEstimate() {
    }

    static double estimate(byte[] bits) {
        return counts(bits, Tally.IGNORED).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        long[] score = new long[MAX_LAG + 1];
        int winner = 1;
        long highScore = 0;
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        for (int i = 1; i < n; i++) {
            if ((i & Tally.EVERY_MASK) == 0) {
                tally.reached(i);
            }
            byte bit = bits[i];
            if (bits[i - winner] == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            int lags = Math.min(MAX_LAG, i);
            for (int d = 1; d <= lags; d++) {
                // The winner always holds the high score, so comparing with it is comparing with the winner's score;
                // '>=' hands ties to the longer lag, as the standard's step 3.b does scanning d upwards.
                if (bits[i - d] == bit && ++score[d] >= highScore) {
                    highScore = score[d];
                    winner = d;
                }
            }
        }
        return new PredictionCounts(correct, n - 1L, longestRun);
    }
}

package org.spinnoise.entropy.assess;

/**
 * The common last step of the SP 800-90B §6.3.7–6.3.10 predictor estimates for binary samples: from C correct
 * predictions out of N and the longest run of correct predictions, take the larger of P_global′ (the 99 % upper
 * bound on C/N, or 1 − 0.01^(1/N) when C = 0) and P_local (the p at which a run of r = longest + 1 correct guesses in
 * N tries has probability 1 %), and answer −log2 of it, at most 1 bit. P_local is searched for only when it can
 * exceed P_global′, as in NIST's tool.
 */
final class PredictorBound {

    private static final double LOG_99_PERCENT = Math.log(0.99);
    private static final int MAX_ROOT_STEPS = 65;
    /** NIST iterates in long double and stops when a step is below its epsilon. */
    private static final double ROOT_TOLERANCE = 0x1p-64;

    private PredictorBound() {
    }

    static double minEntropy(long correct, long predictions, long longestRun) {
        double pMax = Math.max(0.5, globalBound(correct, predictions));
        if (pMax < 1.0 && logProbabilityOfNoRun(pMax, longestRun + 1, predictions) > LOG_99_PERCENT) {
            pMax = Math.max(pMax, localBound(longestRun, predictions, pMax));
        }
        return Bits.entropyOfProbability(pMax);
    }

    /** P_global′ (§6.3.7 step 4). */
    static double globalBound(long correct, long predictions) {
        if (correct == 0) {
            return 1.0 - Math.pow(0.01, 1.0 / predictions);
        }
        return ConfidenceBound.upper(correct / (double) predictions, predictions);
    }

    /** P_local, searched for in [lowest, 1] (§6.3.7 step 5). */
    static double localBound(long longestRun, long predictions, double lowest) {
        long r = longestRun + 1;
        return Bisection.solveDecreasing(p -> logProbabilityOfNoRun(p, r, predictions), LOG_99_PERCENT, lowest, 1.0);
    }

    /**
     * ln of the probability that N guesses, each right with probability p, hold no run of r right ones:
     * (1 − p·x)/((r + 1 − r·x)·q) · x^−(N+1), with x the root near 1 of x = 1 + q·p^r·x^(r+1). Written in y = x − 1,
     * because x is within 10^−10 of 1 for long runs and (N + 1)·ln x would otherwise lose half its digits.
     */
    static double logProbabilityOfNoRun(double p, long r, long predictions) {
        double q = 1.0 - p;
        double scale = q * Math.exp(r * Math.log(p));
        double y = 0.0;
        for (int step = 0; step < MAX_ROOT_STEPS; step++) {
            double next = scale * Math.exp((r + 1) * Math.log1p(y));
            boolean settled = next - y <= ROOT_TOLERANCE * (1.0 + next);
            y = next;
            if (settled) {
                break;
            }
        }
        return Math.log(q - p * y) - Math.log((1.0 - r * y) * q) - (predictions + 1.0) * Math.log1p(y);
    }
}

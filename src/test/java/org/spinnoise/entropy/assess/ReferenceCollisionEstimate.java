package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.2 collision estimate for binary samples: walk the sequence, recording the waiting time t (2 or 3
 * bits) until some value repeats, then fit the one-parameter family of §6.3.2 to the 99 % lower bound X̄′ of the
 * mean waiting time. For bits the fit has a closed form (NIST's tool, after Appendix G.1.1): X̄′ = −2p² + 2p + 2,
 * so p = 1/2 + √(5/4 − X̄′/2); when X̄′ ≥ 2.5 no p fits and the standard directs full entropy.
 */
final class ReferenceCollisionEstimate {

    static final String NAME = "Collision";
    static final String SECTION = "6.3.2";
    static final int MIN_SAMPLES = 6;

    private ReferenceCollisionEstimate() {
    }

    static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        long collisions = 0;
        long sum = 0;
        long sumOfSquares = 0;
        int i = 0;
        while (i < n - 1) {
            int wait;
            if (bits[i] == bits[i + 1]) {
                wait = 2;
            } else if (i < n - 2) {
                // Among three bits two are always equal: the third closes the collision.
                wait = 3;
            } else {
                break;
            }
            collisions++;
            sum += wait;
            sumOfSquares += (long) wait * wait;
            i += wait;
        }
        return fromWaitingTimes(collisions, sum, sumOfSquares);
    }

    /** The estimate from v collisions whose waiting times add up to {@code sum} and their squares to {@code sumOfSquares}. */
    static double fromWaitingTimes(long collisions, long sum, long sumOfSquares) {
        return entropyOfMeanBound(meanLowerBound(collisions, sum, sumOfSquares));
    }

    /** X̄′, the 99 % lower bound of the mean waiting time (§6.3.2 steps 5–6). */
    static double meanLowerBound(long collisions, long sum, long sumOfSquares) {
        double mean = sum / (double) collisions;
        // Clamped at 0: the difference can come out a hair negative in floating point when all waits are equal.
        double variance = Math.max(0.0, (sumOfSquares - sum * mean) / (collisions - 1.0));
        return ConfidenceBound.lowerMean(mean, Math.sqrt(variance), collisions);
    }

    static double entropyOfMeanBound(double meanLowerBound) {
        // 2 is the smallest possible waiting time; a bound below it carries no extra information.
        double bound = Math.max(2.0, meanLowerBound);
        if (bound >= 2.5) {
            return 1.0;
        }
        return Bits.entropyOfProbability(0.5 + Math.sqrt(1.25 - 0.5 * bound));
    }
}

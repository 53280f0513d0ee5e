package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.3 Markov estimate: fit a first-order Markov chain to the bits (initial probabilities P_0, P_1
 * from all L bits, transitions P_{a,b} from the L − 1 overlapping pairs) and take the most probable 128-bit
 * sequence. For a two-state chain that sequence is one of six (all 0s, all 1s, alternating from either bit, one bit
 * then a run of the other), so all six are scored; the estimate is min(1, −log2(p_max)/128). No confidence bound is
 * applied: the standard does not ask for one here.
 */
final class ReferenceMarkovEstimate {

    static final String NAME = "Markov";
    static final String SECTION = "6.3.3";
    static final int MIN_SAMPLES = 2;

    private static final int CHAIN_LENGTH = 128;

    private ReferenceMarkovEstimate() {
    }

    static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        long zerosBeforeLast = 0;
        long zeroThenZero = 0;
        long oneThenZero = 0;
        for (int i = 0; i < n - 1; i++) {
            if (bits[i] == 0) {
                zerosBeforeLast++;
                if (bits[i + 1] == 0) {
                    zeroThenZero++;
                }
            } else if (bits[i + 1] == 0) {
                oneThenZero++;
            }
        }
        long onesBeforeLast = n - 1 - zerosBeforeLast;
        double p00 = zerosBeforeLast > 0 ? zeroThenZero / (double) zerosBeforeLast : 0.0;
        double p01 = zerosBeforeLast > 0 ? 1.0 - p00 : 0.0;
        double p10 = onesBeforeLast > 0 ? oneThenZero / (double) onesBeforeLast : 0.0;
        double p11 = onesBeforeLast > 0 ? 1.0 - p10 : 0.0;
        long zeros = zerosBeforeLast + (bits[n - 1] == 0 ? 1 : 0);
        double p0 = zeros / (double) n;
        return fromProbabilities(p0, p00, p01, p10, p11);
    }

    /** The estimate from the chain's initial and transition probabilities (P_1 = 1 − P_0). */
    static double fromProbabilities(double p0, double p00, double p01, double p10, double p11) {
        double p1 = 1.0 - p0;
        int steps = CHAIN_LENGTH - 1;
        // −log2 of each candidate sequence's probability; a transition never seen rules its sequences out.
        double best = CHAIN_LENGTH;
        if (p00 > 0) {
            best = Math.min(best, -Bits.log2(p0) - steps * Bits.log2(p00));
        }
        if (p01 > 0 && p10 > 0) {
            best = Math.min(best, -Bits.log2(p0) - 64 * Bits.log2(p01) - 63 * Bits.log2(p10));
            best = Math.min(best, -Bits.log2(p1) - 64 * Bits.log2(p10) - 63 * Bits.log2(p01));
        }
        if (p01 > 0 && p11 > 0) {
            best = Math.min(best, -Bits.log2(p0) - Bits.log2(p01) - (steps - 1) * Bits.log2(p11));
        }
        if (p10 > 0 && p00 > 0) {
            best = Math.min(best, -Bits.log2(p1) - Bits.log2(p10) - (steps - 1) * Bits.log2(p00));
        }
        if (p11 > 0) {
            best = Math.min(best, -Bits.log2(p1) - steps * Bits.log2(p11));
        }
        return Math.max(0.0, Math.min(1.0, best / CHAIN_LENGTH));
    }
}

package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.3 Markov estimate: fit a first-order Markov chain to the bits (initial probabilities P_0, P_1
 * from all L bits, transitions P_{a,b} from the L − 1 overlapping pairs) and take the most probable 128-bit
 * sequence. For a two-state chain that sequence is one of six (all 0s, all 1s, alternating from either bit, one bit
 * then a run of the other), so all six are scored; the estimate is min(1, −log2(p_max)/128). No confidence bound is
 * applied: the standard does not ask for one here.
 */
public final class MarkovEstimate {

    public static final String NAME = "Markov";
    public static final String SECTION = "6.3.3";
    public static final int MIN_SAMPLES = 2;

    private static final int CHAIN_LENGTH = 128;

    private MarkovEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return estimate(PackedBits.pack(bits), bits.length);
    }

    /**
     * The estimate over {@code n} bits (at least {@link #MIN_SAMPLES}) given as {@link PackedBits#pack words}. The
     * pair counts come from popcounts: with s the ones among the first L − 1 bits, t those among the last L − 1
     * and u the pairs 11, there are L − 1 − s − t + u pairs 00 and s − u pairs 10.
     */
    static double estimate(long[] words, int n) {
        long ones = 0;
        long oneThenOne = 0;
        for (int w = 0; w <= (n - 1) >>> 6; w++) {
            long word = words[w];
            long following = (word << 1) | (words[w + 1] >>> 63); // each bit's successor in its place
            ones += Long.bitCount(word);
            oneThenOne += Long.bitCount(word & following); // the pair (L − 1, L) reads the zero past the end
        }
        long first = words[0] >>> 63;
        long last = (words[(n - 1) >>> 6] >>> (63 - ((n - 1) & 63))) & 1;
        long onesBeforeLast = ones - last;
        long onesAfterFirst = ones - first;
        long zerosBeforeLast = n - 1 - onesBeforeLast;
        long zeroThenZero = (n - 1) - onesBeforeLast - onesAfterFirst + oneThenOne;
        long oneThenZero = onesBeforeLast - oneThenOne;
        double p00 = zerosBeforeLast > 0 ? zeroThenZero / (double) zerosBeforeLast : 0.0;
        double p01 = zerosBeforeLast > 0 ? 1.0 - p00 : 0.0;
        double p10 = onesBeforeLast > 0 ? oneThenZero / (double) onesBeforeLast : 0.0;
        double p11 = onesBeforeLast > 0 ? 1.0 - p10 : 0.0;
        long zeros = zerosBeforeLast + (1 - last);
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

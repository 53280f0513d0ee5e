package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.6 longest repeated substring (LRS) estimate: for the lengths the t-tuple estimate cannot use,
 * u = t + 1 up to v, the length of the longest repeated substring, estimate the collision probability of i-bit
 * tuples P_i = Σ C(count, 2)/C(L − i + 1, 2) and take P_max = max P_i^(1/i); the estimate is −log2 of its 99 %
 * upper bound. It catches long-range repeats that no short window sees.
 */
public final class LongestRepeatedSubstringEstimate {

    public static final String NAME = "Longest Repeated Substring";
    public static final String SECTION = "6.3.6";
    public static final int MIN_SAMPLES = 35;

    private LongestRepeatedSubstringEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return estimate(TupleCounts.of(bits));
    }

    /** The estimate from counts already made (shared with {@link TTupleEstimate}). */
    static double estimate(TupleCounts counts) {
        int u = TTupleEstimate.largestFrequentLength(counts) + 1;
        int v = counts.longestRepeat();
        if (v < u) {
            // No tuple longer than t repeats at all: the estimator has nothing to measure (NIST skips it).
            return 1.0;
        }
        long n = counts.samples();
        double pMax = 0.0;
        for (int i = u; i <= v; i++) {
            double remaining = n - i + 1.0;
            double pairsOfTuples = remaining * (remaining - 1.0) / 2.0;
            double p = counts.equalPairs(i) / pairsOfTuples;
            pMax = Math.max(pMax, Math.pow(p, 1.0 / i));
        }
        return Bits.entropyOfProbability(ConfidenceBound.upper(pMax, n));
    }
}

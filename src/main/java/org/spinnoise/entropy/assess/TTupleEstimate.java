package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.5 t-tuple estimate: t is the largest length whose most common tuple still occurs at least 35
 * times; for each i ≤ t, P_i = Q[i]/(L − i + 1) and P_max = max P_i^(1/i); the estimate is −log2 of the 99 % upper
 * bound of P_max with L samples. Counts come from a suffix array ({@link TupleCounts}). It catches short-range
 * patterns and bias; with 10^6 noisy bits t is about 16.
 */
public final class TTupleEstimate {

    public static final String NAME = "t-Tuple";
    public static final String SECTION = "6.3.5";
    public static final int MIN_SAMPLES = 35;

    /** Occurrences a tuple needs for its frequency to be trusted (§6.3.5 step 1). */
    static final int OCCURRENCE_CUTOFF = 35;

    private TTupleEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return estimate(TupleCounts.of(bits));
    }

    /** The estimate from counts already made (shared with {@link LongestRepeatedSubstringEstimate}). */
    static double estimate(TupleCounts counts) {
        int t = largestFrequentLength(counts);
        if (t == 0) {
            // Not even a single bit value occurs 35 times; the standard's estimator does not apply (NIST skips it).
            return 1.0;
        }
        long n = counts.samples();
        double pMax = 0.0;
        for (int i = 1; i <= t; i++) {
            double p = counts.maxCount(i) / (double) (n - i + 1);
            pMax = Math.max(pMax, Math.pow(p, 1.0 / i));
        }
        return Bits.entropyOfProbability(ConfidenceBound.upper(pMax, n));
    }

    /** t: the largest length whose most common tuple occurs at least 35 times (0 when there is none). */
    static int largestFrequentLength(TupleCounts counts) {
        int t = 0;
        // Q[i] never grows with i, so the first length below the cutoff ends the search.
        while (t < counts.longestRepeat() && counts.maxCount(t + 1) >= OCCURRENCE_CUTOFF) {
            t++;
        }
        return t;
    }
}

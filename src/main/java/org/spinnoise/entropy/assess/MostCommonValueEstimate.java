package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.1 most common value estimate: the proportion p̂ of the more frequent bit, raised to its 99 %
 * upper confidence bound p_u = min(1, p̂ + 2.576·√(p̂(1 − p̂)/(L − 1))); the estimate is −log2(p_u). It sees bias
 * and nothing else, and for IID bits it is the tightest of the estimators.
 */
public final class MostCommonValueEstimate {

    public static final String NAME = "Most Common Value";
    public static final String SECTION = "6.3.1";
    public static final int MIN_SAMPLES = 2;

    private MostCommonValueEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return estimate(PackedBits.pack(bits), bits.length);
    }

    /** The estimate over {@code n} bits (at least {@link #MIN_SAMPLES}) given as {@link PackedBits#pack words}. */
    static double estimate(long[] words, int n) {
        long ones = PackedBits.ones(words);
        return fromModeCount(Math.max(ones, n - ones), n);
    }

    /** The estimate from the count of the most common value among {@code samples}. */
    static double fromModeCount(long modeCount, long samples) {
        return Bits.entropyOfProbability(ConfidenceBound.upper(modeCount / (double) samples, samples));
    }
}

package org.spinnoise.entropy.assess;

/**
 * The straightforward implementation from before issue 18, kept as the oracle for the fast one.
 * SP 800-90B §6.3.1 most common value estimate: the proportion p̂ of the more frequent bit, raised to its 99 %
 * upper confidence bound p_u = min(1, p̂ + 2.576·√(p̂(1 − p̂)/(L − 1))); the estimate is −log2(p_u). It sees bias
 * and nothing else, and for IID bits it is the tightest of the estimators.
 */
final class ReferenceMostCommonValueEstimate {

    static final String NAME = "Most Common Value";
    static final String SECTION = "6.3.1";
    static final int MIN_SAMPLES = 2;

    private ReferenceMostCommonValueEstimate() {
    }

    static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        long ones = 0;
        for (byte bit : bits) {
            ones += bit;
        }
        return fromModeCount(Math.max(ones, bits.length - ones), bits.length);
    }

    /** The estimate from the count of the most common value among {@code samples}. */
    static double fromModeCount(long modeCount, long samples) {
        return Bits.entropyOfProbability(ConfidenceBound.upper(modeCount / (double) samples, samples));
    }
}

package org.spinnoise.entropy.condition;

/**
 * Entropy credited to the output of a vetted conditioning component, by the formula of SP 800-90B §3.1.5.1.2:
 * with P_high = 2^−h_in, P_low = (1 − P_high)/(2^n_in − 1), n = min(n_out, n_w), ψ = 2^(n_in−n)·P_low + P_high,
 * U = 2^(n_in−n) + √(2n·2^(n_in−n)·ln 2) and ω = U·P_low, the output carries h_out = −log2(max(ψ, ω)) bits.
 * Every quantity is kept as its base-2 logarithm, so inputs of thousands of bits (2^n_in far beyond a double) are
 * exact to double precision. {@link #isFullEntropy(double, int)} is the full-entropy rule used with vetted
 * conditioning (SP 800-90C): at least 64 bits more min-entropy in than bits out.
 */
public final class ConditionedEntropy {

    /** Extra min-entropy, beyond the output length, that makes a vetted conditioner's output full entropy. */
    public static final int FULL_ENTROPY_MARGIN_BITS = 64;

    private static final double LN2 = Math.log(2);

    private ConditionedEntropy() {
    }

    /**
     * h_out of SP 800-90B §3.1.5.1.2.
     *
     * @param inputBits          n_in, bits fed to the conditioning function per output
     * @param outputBits         n_out, bits it outputs
     * @param narrowestWidthBits n_w, its narrowest internal width (256 for SHA-256)
     * @param inputEntropyBits   h_in, min-entropy credited to those n_in bits, 0 ≤ h_in ≤ n_in
     */
    public static double outputEntropyBits(int inputBits, int outputBits, int narrowestWidthBits,
                                           double inputEntropyBits) {
        if (inputBits < 1 || outputBits < 1 || narrowestWidthBits < 1) {
            throw new IllegalArgumentException("conditioning widths must be positive: n_in = " + inputBits
                    + ", n_out = " + outputBits + ", n_w = " + narrowestWidthBits);
        }
        if (!(inputEntropyBits >= 0 && inputEntropyBits <= inputBits)) {
            throw new IllegalArgumentException("input min-entropy must lie within 0.." + inputBits + " bits, got "
                    + inputEntropyBits);
        }
        if (inputEntropyBits == 0) {
            return 0;
        }
        int n = Math.min(outputBits, narrowestWidthBits);
        double spread = (double) inputBits - n;
        double log2PHigh = -inputEntropyBits;
        // log2(1 − 2^−h) and log2(2^n_in − 1), both without cancellation.
        double log2OneMinusPHigh = Math.log(-Math.expm1(-inputEntropyBits * LN2)) / LN2;
        double log2InputsMinusOne = inputBits + Math.log1p(-Math.scalb(1.0, -inputBits)) / LN2;
        double log2PLow = log2OneMinusPHigh - log2InputsMinusOne;
        double log2Psi = log2Sum(spread + log2PLow, log2PHigh);
        double log2U = log2Sum(spread, 0.5 * (Math.log(2.0 * n * LN2) / LN2 + spread));
        double log2Omega = log2U + log2PLow;
        return -Math.max(log2Psi, log2Omega);
    }

    /** Whether h_in ≥ n_out + 64: the conditioned output may then be credited with full entropy. */
    public static boolean isFullEntropy(double inputEntropyBits, int outputBits) {
        return inputEntropyBits >= (double) outputBits + FULL_ENTROPY_MARGIN_BITS;
    }

    /** log2(2^a + 2^b). */
    private static double log2Sum(double a, double b) {
        double hi = Math.max(a, b);
        return hi + Math.log1p(Math.pow(2, Math.min(a, b) - hi)) / LN2;
    }
}

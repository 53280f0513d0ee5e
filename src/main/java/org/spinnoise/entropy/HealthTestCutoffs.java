package org.spinnoise.entropy;

/**
 * Cutoffs of the NIST SP 800-90B continuous health tests (§4.4) from the claimed min-entropy per sample H and the
 * accepted false-positive probability α. Both follow the standard's counting convention: the count includes the
 * first sample (of the run, or of the window), and the test fails when the count reaches the cutoff C.
 * Repetition count (§4.4.1): C = 1 + ⌈−log2(α) / H⌉, so a run of C identical samples fails and a run of C − 1 passes;
 * an ideal source repeats a value C − 1 more times with probability 2^(−H(C−1)) ≤ α.
 * Adaptive proportion (§4.4.2): C = 1 + CRITBINOM(W, 2^−H, 1 − α), the smallest c with P(Binomial(W, 2^−H) ≥ c) ≤ α;
 * the binomial tail is summed in log space from the top, so W = 1024 and α down to 2^−60 and below are exact.
 */
public final class HealthTestCutoffs {

    /** SP 800-90B §4.4.2 window for binary noise sources. */
    public static final int BINARY_WINDOW = 1024;
    /** SP 800-90B §4.4.2 window for non-binary noise sources. */
    public static final int NON_BINARY_WINDOW = 512;

    // −log2(α)/H is meant exactly (α = 2^−20 and H = 0.2 give 100, not 100.00000000000001); differences below this
    // are floating-point noise, far below any real difference between two claims.
    private static final double INTEGER_SNAP = 1e-9;
    private static final double LN2 = Math.log(2);

    private HealthTestCutoffs() {
    }

    /** Repetition count test cutoff C = 1 + ⌈−log2(α) / H⌉ (SP 800-90B §4.4.1). */
    public static int repetitionCount(double entropyPerSampleBits, double alphaFalsePositive) {
        requireEntropy(entropyPerSampleBits);
        requireAlpha(alphaFalsePositive);
        double quotient = -Math.log(alphaFalsePositive) / LN2 / entropyPerSampleBits;
        double nearest = Math.rint(quotient);
        if (Math.abs(quotient - nearest) <= INTEGER_SNAP * Math.max(1, nearest)) {
            quotient = nearest;
        }
        if (quotient >= Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("repetition count cutoff for H = " + entropyPerSampleBits + " bits and α = "
                    + alphaFalsePositive + " does not fit an int; the claimed entropy is too small");
        }
        return 1 + (int) Math.ceil(quotient);
    }

    /**
     * Adaptive proportion test cutoff 1 + CRITBINOM(W, 2^−H, 1 − α) (SP 800-90B §4.4.2).
     *
     * @throws IllegalArgumentException also when the cutoff would exceed the window, i.e. a test that cannot fail
     */
    public static int adaptiveProportion(double entropyPerSampleBits, double alphaFalsePositive, int windowSize) {
        requireEntropy(entropyPerSampleBits);
        requireAlpha(alphaFalsePositive);
        if (windowSize < 2) {
            throw new IllegalArgumentException("adaptive proportion window must hold at least 2 samples, got " + windowSize);
        }
        double logP = -entropyPerSampleBits * LN2;
        double logQ = Math.log(-Math.expm1(logP));
        double logOddsDown = logQ - logP;
        double logAlpha = Math.log(alphaFalsePositive);
        // Walk k = W, W−1, ... keeping log P(X = k) and log P(X ≥ k); the smallest terms come first, so nothing is lost.
        double logPmf = windowSize * logP;
        double logTail = logPmf;
        int k = windowSize;
        while (logTail <= logAlpha) {
            logPmf += Math.log((double) k / (windowSize - k + 1)) + logOddsDown;
            k--;
            logTail = logSumExp(logTail, logPmf);
        }
        int cutoff = k + 1;
        if (cutoff > windowSize) {
            throw new IllegalArgumentException("adaptive proportion test with H = " + entropyPerSampleBits + " bits, α = "
                    + alphaFalsePositive + " and W = " + windowSize + " could never fail (cutoff " + cutoff
                    + " > window); claim more entropy, accept a larger α, or use a larger window");
        }
        return cutoff;
    }

    private static double logSumExp(double a, double b) {
        double hi = Math.max(a, b);
        return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
    }

    private static void requireEntropy(double entropyPerSampleBits) {
        if (!(entropyPerSampleBits > 0) || !Double.isFinite(entropyPerSampleBits)) {
            throw new IllegalArgumentException("claimed min-entropy per sample must be positive and finite, got "
                    + entropyPerSampleBits + " bits");
        }
    }

    private static void requireAlpha(double alphaFalsePositive) {
        if (!(alphaFalsePositive > 0 && alphaFalsePositive < 1)) {
            throw new IllegalArgumentException("false-positive probability α must lie strictly between 0 and 1, got "
                    + alphaFalsePositive);
        }
    }
}

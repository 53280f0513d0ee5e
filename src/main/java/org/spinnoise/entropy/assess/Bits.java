package org.spinnoise.entropy.assess;

/** Checks shared by every estimator: input in NIST's one-sample-per-byte format, enough samples. */
final class Bits {

    private static final double LN2 = Math.log(2);

    private Bits() {
    }

    /** Throws unless {@code bits} holds at least {@code minSamples} bytes, each 0 or 1. */
    static void require(byte[] bits, int minSamples, String estimator) {
        if (bits.length < minSamples) {
            throw new IllegalArgumentException(estimator + " estimate needs at least " + minSamples + " samples, got "
                    + bits.length);
        }
        for (int i = 0; i < bits.length; i++) {
            if ((bits[i] & ~1) != 0) {
                throw new IllegalArgumentException("sample " + i + " is " + bits[i]
                        + "; binary samples must be one bit per byte, each byte 0 or 1");
            }
        }
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** −log2(p) clipped to [0, 1], the range of min-entropy per bit. */
    static double entropyOfProbability(double p) {
        return Math.max(0.0, Math.min(1.0, -log2(p)));
    }
}

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
        int bad = firstNonBit(bits);
        if (bad >= 0) {
            throw new IllegalArgumentException("sample " + bad + " is " + bits[bad]
                    + "; binary samples must be one bit per byte, each byte 0 or 1");
        }
    }

    /** The index of the first byte that is neither 0 nor 1, or −1; eight bytes a step, since every estimator asks. */
    static int firstNonBit(byte[] bits) {
        int full = bits.length & ~7;
        for (int i = 0; i < full; i += 8) {
            if ((PackedBits.bytesAt(bits, i) & 0xFEFE_FEFE_FEFE_FEFEL) != 0) {
                return firstNonBit(bits, i, i + 8);
            }
        }
        return firstNonBit(bits, full, bits.length);
    }

    private static int firstNonBit(byte[] bits, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((bits[i] & ~1) != 0) {
                return i;
            }
        }
        return -1;
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** −log2(p) clipped to [0, 1], the range of min-entropy per bit. */
    static double entropyOfProbability(double p) {
        return Math.max(0.0, Math.min(1.0, -log2(p)));
    }
}

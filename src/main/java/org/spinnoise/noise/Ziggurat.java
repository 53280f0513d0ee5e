package org.spinnoise.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ziggurat method for float64 N(0, 1) samples with 256 layers ({@link ZigguratLayers}, Marsaglia and Tsang's
 * constants), fed by 64-bit words: bits 0–7 pick the layer and bits 8–63, read as a signed number, give the sign and
 * a 55-bit uniform magnitude, so layer and uniform are independent (the flaw Doornik, 2005, found in the original's
 * shared bits) and the sign costs no branch. About 99% of samples take one word and one multiply-and-compare; the
 * rest go through the wedge test or Marsaglia's exact tail method and take more words. The method is exact rejection
 * sampling: it has no tail truncation, and its only approximations are the uniforms' 2^-55 grid and double
 * arithmetic. float32 samples have their own layers and take 32 bits each ({@link Ziggurat32}).
 */
final class Ziggurat {

    /** The words a sample may need beyond its first; {@code E} is what reading one may throw. */
    @FunctionalInterface
    interface Words<E extends Exception> {
        long next() throws E;
    }

    static final int LAYERS = 256;
    static final ZigguratLayers LAYERS_256 = new ZigguratLayers(LAYERS);
    /** Right edge of the base rectangle, where the tail starts (≈ 3.6541528853610088). */
    static final double R = LAYERS_256.r;
    /** Area of each layer under the unnormalised density exp(-x²/2) (≈ 0.0049286732339747). */
    static final double V = LAYERS_256.v;
    /** Layer i spans x in [0, X[i]] and y in [F[i], F[i+1]]; X[0] = V / f(R) is the base layer's pseudo-width. */
    static final double[] X = LAYERS_256.x;
    static final double[] F = LAYERS_256.f;
    /** X[i]·2^-55: multiplied by a word's signed bits 8–63 it gives x in (-X[i], X[i]]. */
    static final double[] SCALED_X = new double[LAYERS];
    /** X[i+1]: |x| below it lies inside the curve (the rectangle test). */
    static final double[] ACCEPT_X = new double[LAYERS];

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Scales the signed 56-bit field of a word to (-1, 1]. */
    static final double SIGNED_UNIT = 0x1.0p-55;

    static {
        for (int i = 0; i < LAYERS; i++) {
            SCALED_X[i] = X[i] * SIGNED_UNIT;
            ACCEPT_X[i] = X[i + 1];
        }
    }

    private Ziggurat() {
    }

    /**
     * The rectangle test over consecutive little-endian words of {@code words} from word index {@code word}: writes
     * float64 samples to {@code out[at ..]} while they pass, at most {@code n}, and returns how many passed. The word
     * after them, if fewer than {@code n}, needs {@link #sample}. Small and loop-only so the JIT compiles it early.
     */
    static int fastDoubles(byte[] words, int word, double[] out, int at, int n) {
        for (int j = 0; j < n; j++) {
            long v = (long) LONG_LE.get(words, (word + j) << 3);
            int i = (int) v & 0xff;
            double x = (v >> 8) * SCALED_X[i];
            if (!(Math.abs(x) < ACCEPT_X[i])) {
                return j;
            }
            out[at + j] = x;
        }
        return n;
    }

    /** Word {@code word} of {@code words}, little-endian. */
    static long word(byte[] words, int word) {
        return (long) LONG_LE.get(words, word << 3);
    }

    /** Writes {@code value} as word {@code word} of {@code words}, little-endian. */
    static void putWord(byte[] words, int word, long value) {
        LONG_LE.set(words, word << 3, value);
    }

    /** A sample whose first word is {@code word}; further words, when needed, come from {@code words}. */
    static <E extends Exception> double sample(long word, Words<E> words) throws E {
        long w = word;
        while (true) {
            int i = (int) (w & 0xff);
            double x = (w >> 8) * SCALED_X[i];
            if (Math.abs(x) < ACCEPT_X[i]) {
                return x;
            }
            if (i == 0) {
                return Math.copySign(LAYERS_256.tail(words), x);
            }
            if (LAYERS_256.underCurve(i, x, words.next())) {
                return x;
            }
            w = words.next();
        }
    }
}

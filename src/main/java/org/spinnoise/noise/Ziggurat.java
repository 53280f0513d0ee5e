package org.spinnoise.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ziggurat method for N(0, 1) (Marsaglia and Tsang, J. Stat. Softw. 5(8), 2000) with 256 layers, fed by 64-bit
 * words: bits 0–7 pick the layer and bits 8–63, read as a signed number, give the sign and a 55-bit uniform
 * magnitude, so layer and uniform are independent (the flaw Doornik, 2005, found in the original's shared bits) and
 * the sign costs no branch. About 99% of samples take one word and one multiply-and-compare; the rest go through the
 * wedge test or Marsaglia's exact tail method and take more words. The method is exact rejection sampling: it has no
 * tail truncation, and its only approximations are the uniforms' 2^-55 grid and double arithmetic. The layer edges
 * are computed at class load: the tail start {@link #R} is solved by bisection so that the recursion of equal-area
 * layers closes at the top to double precision, with the base layer's area (rectangle plus tail) from a continued
 * fraction for the normal tail. float32 samples use the same layers from 32 bits each ({@link Ziggurat32}).
 */
final class Ziggurat {

    /** The words a sample may need beyond its first; {@code E} is what reading one may throw. */
    @FunctionalInterface
    interface Words<E extends Exception> {
        long next() throws E;
    }

    static final int LAYERS = 256;
    /** Right edge of the base rectangle, where the tail starts (≈ 3.6541528853610088). */
    static final double R;
    /** Area of each layer under the unnormalised density exp(-x²/2) (≈ 0.0049286732339747). */
    static final double V;
    /** Layer i spans x in [0, X[i]] and y in [F[i], F[i+1]]; X[0] = V / f(R) is the base layer's pseudo-width. */
    static final double[] X = new double[LAYERS + 1];
    static final double[] F = new double[LAYERS + 1];
    /** X[i]·2^-55: multiplied by a word's signed bits 8–63 it gives x in (-X[i], X[i]]. */
    static final double[] SCALED_X = new double[LAYERS];
    /** X[i+1]: |x| below it lies inside the curve (the rectangle test). */
    static final double[] ACCEPT_X = new double[LAYERS];

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final double UNIT = 0x1.0p-53;
    /** Scales the signed 56-bit field of a word to (-1, 1]. */
    static final double SIGNED_UNIT = 0x1.0p-55;

    static {
        double lo = 3.0;
        double hi = 4.5;
        for (int iteration = 0; iteration < 200 && lo < hi; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            if (closure(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        R = lo;
        V = R * density(R) + tailArea(R);
        X[0] = V / density(R);
        X[1] = R;
        F[0] = 0;
        F[1] = density(R);
        for (int i = 1; i < LAYERS - 1; i++) {
            X[i + 1] = Math.sqrt(-2 * Math.log(F[i] + V / X[i]));
            F[i + 1] = density(X[i + 1]);
        }
        X[LAYERS] = 0;
        F[LAYERS] = 1;
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
                return Math.copySign(tail(words), x);
            }
            if (underCurve(i, x, words.next())) {
                return x;
            }
            w = words.next();
        }
    }

    /**
     * The wedge test of layer {@code i} (1–255) for an x that missed its rectangle: a height uniform over the layer,
     * from {@code word}'s top 53 bits, falls under the density at x.
     */
    static boolean underCurve(int i, double x, long word) {
        double y = F[i] + (word >>> 11) * UNIT * (F[i + 1] - F[i]);
        return y < Math.exp(-0.5 * x * x);
    }

    /** Marsaglia (1964): R + a with a exponential of rate R, accepted with probability exp(-a²/2). */
    static <E extends Exception> double tail(Words<E> words) throws E {
        while (true) {
            double a = -Math.log(openUnit(words.next())) / R;
            double b = -Math.log(openUnit(words.next()));
            if (b + b >= a * a) {
                return R + a;
            }
        }
    }

    private static double openUnit(long word) {
        return ((word >>> 11) + 0.5) * UNIT;
    }

    static double density(double x) {
        return Math.exp(-0.5 * x * x);
    }

    /** ∫_x^∞ exp(-t²/2) dt by the Laplace continued fraction, converged to double precision for x ≥ 3. */
    static double tailArea(double x) {
        double t = x;
        for (int k = 300; k >= 1; k--) {
            t = x + k / t;
        }
        return density(x) / t;
    }

    /**
     * Builds the layers from a trial tail start {@code r} and returns how far the top layer's area exceeds V (&gt; 0:
     * r too large); a recursion that reaches the top of the curve early (r too small) returns -1.
     */
    private static double closure(double r) {
        double v = r * density(r) + tailArea(r);
        double x = r;
        for (int i = 1; i < LAYERS - 1; i++) {
            double f = density(x) + v / x;
            if (f >= 1) {
                return -1;
            }
            x = Math.sqrt(-2 * Math.log(f));
        }
        return x * (1 - density(x)) - v;
    }
}

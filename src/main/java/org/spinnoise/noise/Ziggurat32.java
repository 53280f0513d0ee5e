package org.spinnoise.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The ziggurat method for float32 N(0, 1) samples, 32 bits each, so a generator makes half the words per normal that
 * float64 needs. It has 1024 layers ({@link ZigguratLayers}) where float64 has 256: the rectangle test then misses
 * 0.43% of samples instead of 1.49%, and a miss (wedge test, tail, branch mispredictions) costs as much as about fifty
 * hits. Bits 0–9 pick the layer; bits 10–31, read as a signed 22-bit number s, give the odd integer {@code 2s + 1},
 * so a layer's uniform sits on the centres of 2^22 equal cells of (-1, 1): symmetric, never zero. The rectangle test
 * compares that integer with a per-layer bound (exact for the grid point), and the sample is the grid point
 * (2s + 1)·X[i]·2^-22 rounded to float32 (within one float32 ulp). So within layer i samples lie on a grid of step
 * X[i]·2^-21 (2.0e-6 in the base layer), at least four times float32's own spacing: the price of the speed. Beyond
 * that grid it is the same exact rejection sampling as float64, with no tail truncation (the wedges and the tail
 * take 64-bit words).
 */
final class Ziggurat32 {
    static final int LAYERS = 1024;
    static final ZigguratLayers LAYERS_1024 = new ZigguratLayers(LAYERS);
    private static final int LAYER_MASK = LAYERS - 1;
    /** Shift that leaves the signed field times two, bit 0 then set to make the odd integer. */
    private static final int FIELD_SHIFT = 9;
    /** X[i]·2^-22 as a float: multiplied by the odd integer it gives the sample. */
    private static final float[] CELL = new float[LAYERS];
    /** The rectangle test: an odd integer of magnitude below this lies inside layer i's rectangle. */
    static final int[] ACCEPT = new int[LAYERS];
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    static {
        double[] x = LAYERS_1024.x;
        for (int i = 0; i < LAYERS; i++) {
            CELL[i] = (float) (x[i] * 0x1.0p-22);
            // |m|·x[i]·2^-22 < x[i+1] exactly when |m| < x[i+1]/x[i]·2^22, which is never an odd integer here.
            ACCEPT[i] = (int) Math.ceil(x[i + 1] / x[i] * 0x1.0p22);
        }
    }

    private Ziggurat32() {
    }

    /**
     * The rectangle test over consecutive little-endian 32-bit values of {@code block} from index {@code first}:
     * writes samples to {@code out[at ..]} while they pass, at most {@code n}, and returns how many passed. The
     * store comes before the test (a sample that fails leaves a value its caller overwrites): on random bits that
     * order runs faster than storing after the test.
     */
    static int fastFloats(byte[] block, int first, float[] out, int at, int n) {
        for (int j = 0; j < n; j++) {
            int b = (int) INT_LE.get(block, (first + j) << 2);
            int i = b & LAYER_MASK;
            int m = (b >> FIELD_SHIFT) | 1;
            out[at + j] = m * CELL[i];
            if (Math.abs(m) >= ACCEPT[i]) {
                return j;
            }
        }
        return n;
    }

    /** {@link #fastFloats} writing each sample as four little-endian bytes at {@code out[atByte ..]} (wire format). */
    static int fastFloatsLittleEndian(byte[] block, int first, byte[] out, int atByte, int n) {
        for (int j = 0; j < n; j++) {
            int b = (int) INT_LE.get(block, (first + j) << 2);
            int i = b & LAYER_MASK;
            int m = (b >> FIELD_SHIFT) | 1;
            FLOAT_LE.set(out, atByte + (j << 2), m * CELL[i]);
            if (Math.abs(m) >= ACCEPT[i]) {
                return j;
            }
        }
        return n;
    }

    /** Whether a sample starting from {@code bits} misses its layer's rectangle (and needs {@link #sample}). */
    static boolean missesRectangle(int bits) {
        return Math.abs((bits >> FIELD_SHIFT) | 1) >= ACCEPT[bits & LAYER_MASK];
    }

    /** Writes {@code value} as four little-endian bytes at {@code out[atByte ..]}. */
    static void putFloat(byte[] out, int atByte, float value) {
        FLOAT_LE.set(out, atByte, value);
    }

    /** The 32-bit value at index {@code index} of {@code block}, little-endian. */
    static int bits(byte[] block, int index) {
        return (int) INT_LE.get(block, index << 2);
    }

    /**
     * A sample whose first 32 bits are {@code bits}; the wedge test, the tail and a fresh start after a rejection
     * take 64-bit words from {@code words} (a fresh start uses a word's low 32 bits).
     */
    static <E extends Exception> float sample(int bits, Ziggurat.Words<E> words) throws E {
        int b = bits;
        while (true) {
            int i = b & LAYER_MASK;
            int m = (b >> FIELD_SHIFT) | 1;
            float x = m * CELL[i];
            if (Math.abs(m) < ACCEPT[i]) {
                return x;
            }
            if (i == 0) {
                return (float) Math.copySign(LAYERS_1024.tail(words), m);
            }
            if (LAYERS_1024.underCurve(i, x, words.next())) {
                return x;
            }
            b = (int) words.next();
        }
    }
}

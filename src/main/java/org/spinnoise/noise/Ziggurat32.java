package org.spinnoise.noise;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The float32 flavour of the {@link Ziggurat}: the same 256 layers, wedge test and tail, but each sample starts from
 * 32 bits instead of 64, so a generator makes half the words per float32 normal. Bits 0–7 pick the layer; bits 8–31,
 * read as a signed 24-bit number s, give the odd integer {@code 2s + 1}, so a layer's uniform sits on the centres of
 * 2^24 equal cells of (-1, 1): symmetric, never zero. The rectangle test compares that integer with a per-layer bound
 * (exact for the grid point), and the sample is the grid point (2s + 1)·X[i]·2^-24, rounded to float32 (within
 * one float32 ulp). So within layer i samples lie on a grid of step X[i]·2^-23 (at most 4.7e-7, in
 * the base layer), coarser than float32 near zero; beyond that it is the same exact rejection sampling, with no tail
 * truncation (the wedges and the tail take 64-bit words, as in the double version).
 */
final class Ziggurat32 {
    /** X[i]·2^-24 as a float: multiplied by the odd integer it gives the sample. */
    private static final float[] CELL = new float[Ziggurat.LAYERS];
    /** The rectangle test: an odd integer of magnitude below this lies inside layer i's rectangle. */
    static final int[] ACCEPT = new int[Ziggurat.LAYERS];
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < Ziggurat.LAYERS; i++) {
            CELL[i] = (float) (Ziggurat.X[i] * 0x1.0p-24);
            // |m|·X[i]·2^-24 < X[i+1] exactly when |m| < X[i+1]/X[i]·2^24, which is never an odd integer here.
            ACCEPT[i] = (int) Math.ceil(Ziggurat.X[i + 1] / Ziggurat.X[i] * 0x1.0p24);
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
            int i = b & 0xff;
            int m = (b >> 7) | 1;
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
            int i = b & 0xff;
            int m = (b >> 7) | 1;
            FLOAT_LE.set(out, atByte + (j << 2), m * CELL[i]);
            if (Math.abs(m) >= ACCEPT[i]) {
                return j;
            }
        }
        return n;
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
            int i = b & 0xff;
            int m = (b >> 7) | 1;
            float x = m * CELL[i];
            if (Math.abs(m) < ACCEPT[i]) {
                return x;
            }
            if (i == 0) {
                return (float) Math.copySign(Ziggurat.tail(words), m);
            }
            if (Ziggurat.underCurve(i, x, words.next())) {
                return x;
            }
            b = (int) words.next();
        }
    }
}

package org.spinnoise.entropy.assess;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Moves bits between NIST's one-bit-per-byte format and 64-bit words, most significant bit first, eight bytes at a
 * time: the word-level estimators (MCV, Markov, collision, MultiMCW, lag) read 64 bits per step, and the ingest's
 * packed run bits become one byte per bit without a per-bit loop. Words are laid out as {@link SuffixArray#pack}
 * lays them (bit i of the sample is bit 63 − i % 64 of word i / 64, zero past the end, two words of slack) so that
 * {@link #prefix} may read 64 bits from any position up to the sample's length.
 */
final class PackedBits {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /**
     * Multiplying eight bytes, each 0 or 1, by this moves byte m (the m-th sample) to bit 63 − m of the product
     * with no carries between the partial products, so the top byte holds the eight samples, first one highest.
     */
    private static final long GATHER = 0x8040201008040201L;
    /** Each of the 256 packed bytes spread to eight bytes of 0 or 1, its most significant bit in the lowest byte. */
    private static final long[] SPREAD = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long spread = 0;
            for (int j = 0; j < 8; j++) {
                spread |= (long) ((b >>> (7 - j)) & 1) << (8 * j);
            }
            SPREAD[b] = spread;
        }
    }

    private PackedBits() {
    }

    /** The samples {@code bits[offset .. offset + 8)}, each 0 or 1, as one byte, the first sample highest. */
    static int gather8(byte[] bits, int offset) {
        return (int) (((long) LONG_LE.get(bits, offset) * GATHER) >>> 56);
    }

    /** Eight bytes of {@code bits} from {@code offset} as one little-endian long (for byte-wise counting). */
    static long bytesAt(byte[] bits, int offset) {
        return (long) LONG_LE.get(bits, offset);
    }

    /**
     * The samples (one bit per byte, each 0 or 1) packed most significant first into longs, with two zero words after
     * the last bit so that the 64 bits starting at any position can be read as {@link SuffixArray#prefix}.
     */
    static long[] pack(byte[] bits) {
        int n = bits.length;
        long[] words = new long[(n >>> 6) + 2];
        int full = n & ~63;
        for (int base = 0; base < full; base += 64) {
            long word = 0;
            for (int j = 0; j < 64; j += 8) {
                word = (word << 8) | gather8(bits, base + j);
            }
            words[base >>> 6] = word;
        }
        for (int i = full; i < n; i++) {
            words[i >>> 6] |= (long) bits[i] << (63 - (i & 63));
        }
        return words;
    }

    /** The first {@code bitCount} bits of {@code packedMsbFirst} as words, as {@link #pack} gives them. */
    static long[] wordsOfPacked(byte[] packedMsbFirst, int bitCount) {
        long[] words = new long[(bitCount >>> 6) + 2];
        int fullWords = bitCount >>> 6;
        for (int w = 0; w < fullWords; w++) {
            words[w] = (long) LONG_BE.get(packedMsbFirst, 8 * w);
        }
        for (int i = fullWords << 6; i < bitCount; i++) {
            words[i >>> 6] |= (long) ((packedMsbFirst[i >>> 3] >>> (7 - (i & 7))) & 1) << (63 - (i & 63));
        }
        return words;
    }

    /** The first {@code bitCount} bits of {@code packedMsbFirst}, one per byte, most significant bit first. */
    static byte[] unpack(byte[] packedMsbFirst, int bitCount) {
        byte[] bits = new byte[bitCount];
        int fullBytes = bitCount >>> 3;
        for (int b = 0; b < fullBytes; b++) {
            LONG_LE.set(bits, 8 * b, SPREAD[packedMsbFirst[b] & 0xFF]);
        }
        for (int i = fullBytes << 3; i < bitCount; i++) {
            bits[i] = (byte) ((packedMsbFirst[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
        return bits;
    }

    /** How many of the bits are 1 (the words are zero past the sample's end). */
    static long ones(long[] words) {
        long ones = 0;
        for (long word : words) {
            ones += Long.bitCount(word);
        }
        return ones;
    }

    /** The 64 bits from {@code position} on, first one highest (zeros past the sample's end). */
    static long prefix(long[] words, int position) {
        int word = position >>> 6;
        int shift = position & 63;
        return shift == 0 ? words[word] : (words[word] << shift) | (words[word + 1] >>> (64 - shift));
    }
}

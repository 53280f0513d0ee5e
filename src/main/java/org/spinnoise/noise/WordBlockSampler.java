package org.spinnoise.noise;

import java.util.Arrays;
import java.util.Objects;

/**
 * Normals and raw bytes from a generator of 64-bit words that refills a block at a time (the CTR_DRBG of
 * {@code drbg}, the {@link LxmLanes} of {@code prng}). Normals come from the exact {@link Ziggurat}: its rectangle
 * test over the block's words in a tight loop, and {@link Ziggurat#sample} in order for a sample that misses it, its
 * extra words taken next from the block. Raw bytes are handed out in whole words; the unused bytes of a request's
 * last word are dropped, never handed out again.
 *
 * @param <E> what a refill may throw
 */
final class WordBlockSampler<E extends Exception> {

    /** Fills a whole block with fresh words. */
    @FunctionalInterface
    interface Refill<E extends Exception> {
        void fill(byte[] block) throws E;
    }

    private final byte[] block;
    private final int words;
    private final Refill<E> refill;
    private final Ziggurat.Words<E> nextWord = this::nextWord;
    private int wordPosition;

    WordBlockSampler(int blockBytes, Refill<E> refill) {
        this.block = new byte[blockBytes];
        this.words = blockBytes / Long.BYTES;
        this.refill = refill;
        this.wordPosition = words;
    }

    void fillFloats(float[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        int k = offset;
        int end = offset + length;
        while (k < end) {
            refillIfUsed();
            int n = Math.min(end - k, words - wordPosition);
            int passed = Ziggurat.fastFloats(block, wordPosition, out, k, n);
            k += passed;
            wordPosition += passed;
            if (passed < n) {
                long first = Ziggurat.word(block, wordPosition++);
                out[k++] = (float) Ziggurat.sample(first, nextWord);
            }
        }
    }

    /** {@link #fillFloats} into {@code count} little-endian float32 values at {@code out[byteOffset ..]}. */
    void fillFloatsLittleEndian(byte[] out, int byteOffset, int count) throws E {
        Objects.checkFromIndexSize(byteOffset, (long) count * Float.BYTES, out.length);
        int k = 0;
        while (k < count) {
            refillIfUsed();
            int n = Math.min(count - k, words - wordPosition);
            int passed = Ziggurat.fastFloatsLittleEndian(block, wordPosition, out, byteOffset + k * Float.BYTES, n);
            k += passed;
            wordPosition += passed;
            if (passed < n) {
                long first = Ziggurat.word(block, wordPosition++);
                Ziggurat.putFloat(out, byteOffset + k++ * Float.BYTES, (float) Ziggurat.sample(first, nextWord));
            }
        }
    }

    void fillDoubles(double[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        int k = offset;
        int end = offset + length;
        while (k < end) {
            refillIfUsed();
            int n = Math.min(end - k, words - wordPosition);
            int passed = Ziggurat.fastDoubles(block, wordPosition, out, k, n);
            k += passed;
            wordPosition += passed;
            if (passed < n) {
                long first = Ziggurat.word(block, wordPosition++);
                out[k++] = Ziggurat.sample(first, nextWord);
            }
        }
    }

    void fillBytes(byte[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        for (int done = 0; done < length; ) {
            refillIfUsed();
            int n = Math.min(length - done, (words - wordPosition) * Long.BYTES);
            System.arraycopy(block, wordPosition * Long.BYTES, out, offset + done, n);
            wordPosition += (n + Long.BYTES - 1) / Long.BYTES;
            done += n;
        }
    }

    /** Wipes the block; the next request refills it. */
    void clear() {
        Arrays.fill(block, (byte) 0);
        wordPosition = words;
    }

    private long nextWord() throws E {
        refillIfUsed();
        return Ziggurat.word(block, wordPosition++);
    }

    private void refillIfUsed() throws E {
        if (wordPosition == words) {
            refill.fill(block);
            wordPosition = 0;
        }
    }
}

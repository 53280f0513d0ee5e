package org.spinnoise.noise;

import java.util.Arrays;
import java.util.Objects;

/**
 * Normals and raw bytes from a generator of 64-bit words that refills a block at a time (the CTR_DRBG of
 * {@code drbg}, the {@link LxmLanes} of {@code prng}). float32 normals come from {@link Ziggurat32}, one 32-bit half
 * word each for about 99% of them (low half first); float64 normals from {@link Ziggurat}, a whole word each. Both run
 * their rectangle test over the block in a tight loop and finish a sample that misses it in order, its extra words
 * taken next from the block. Anything that needs a whole word (a float64 sample, raw bytes, a miss's extra words)
 * starts at the next word boundary, dropping an unused half. Raw bytes are handed out in whole words; the unused bytes
 * of a request's last word are dropped, never handed out again.
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
    private final int halves;
    private final Refill<E> refill;
    private final Ziggurat.Words<E> nextWord = this::nextWord;
    /** Next unused 32-bit half word of the block. */
    private int position;

    WordBlockSampler(int blockBytes, Refill<E> refill) {
        if (blockBytes % Long.BYTES != 0 || blockBytes < Long.BYTES) {
            throw new IllegalArgumentException("block of " + blockBytes + " bytes: whole 64-bit words needed");
        }
        this.block = new byte[blockBytes];
        this.halves = blockBytes / Integer.BYTES;
        this.refill = refill;
        this.position = halves;
    }

    void fillFloats(float[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        int k = offset;
        int end = offset + length;
        while (k < end) {
            refillIfUsed();
            int n = Math.min(end - k, halves - position);
            int passed = Ziggurat32.fastFloats(block, position, out, k, n);
            k += passed;
            position += passed;
            if (passed < n) {
                int first = Ziggurat32.bits(block, position++);
                out[k++] = Ziggurat32.sample(first, nextWord);
            }
        }
    }

    /** {@link #fillFloats} into {@code count} little-endian float32 values at {@code out[byteOffset ..]}. */
    void fillFloatsLittleEndian(byte[] out, int byteOffset, int count) throws E {
        Objects.checkFromIndexSize(byteOffset, (long) count * Float.BYTES, out.length);
        int k = 0;
        while (k < count) {
            refillIfUsed();
            int n = Math.min(count - k, halves - position);
            int passed = Ziggurat32.fastFloatsLittleEndian(block, position, out, byteOffset + k * Float.BYTES, n);
            k += passed;
            position += passed;
            if (passed < n) {
                int first = Ziggurat32.bits(block, position++);
                Ziggurat32.putFloat(out, byteOffset + k++ * Float.BYTES, Ziggurat32.sample(first, nextWord));
            }
        }
    }

    void fillDoubles(double[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        int k = offset;
        int end = offset + length;
        while (k < end) {
            alignToWord();
            refillIfUsed();
            int word = position / 2;
            int n = Math.min(end - k, halves / 2 - word);
            int passed = Ziggurat.fastDoubles(block, word, out, k, n);
            k += passed;
            position += 2 * passed;
            if (passed < n) {
                long first = Ziggurat.word(block, word + passed);
                position += 2;
                out[k++] = Ziggurat.sample(first, nextWord);
            }
        }
    }

    void fillBytes(byte[] out, int offset, int length) throws E {
        Objects.checkFromIndexSize(offset, length, out.length);
        for (int done = 0; done < length; ) {
            alignToWord();
            refillIfUsed();
            int n = Math.min(length - done, (halves - position) * Integer.BYTES);
            System.arraycopy(block, position * Integer.BYTES, out, offset + done, n);
            position += 2 * ((n + Long.BYTES - 1) / Long.BYTES);
            done += n;
        }
    }

    /** Wipes the block; the next request refills it. */
    void clear() {
        Arrays.fill(block, (byte) 0);
        position = halves;
    }

    private long nextWord() throws E {
        alignToWord();
        refillIfUsed();
        long w = Ziggurat.word(block, position / 2);
        position += 2;
        return w;
    }

    /** Skips the unused half of a word a float32 sample began, so whole-word reads start on a word. */
    private void alignToWord() {
        position = (position + 1) & ~1;
    }

    private void refillIfUsed() throws E {
        if (position == halves) {
            refill.fill(block);
            position = 0;
        }
    }
}

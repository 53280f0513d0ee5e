package org.spinnoise.noise;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.spinnoise.entropy.drbg.EntropySupplier;
import org.spinnoise.entropy.drbg.PoolSeededCtrDrbg;

/**
 * Noise mode {@code drbg}: samples from the output of an SP 800-90A CTR_DRBG (AES-256, no derivation function,
 * {@link PoolSeededCtrDrbg}) instantiated from 48 pool bytes and reseeded from 48 fresh pool bytes every
 * {@code reseedIntervalBytes} of output. Normals are made from 64-bit little-endian DRBG words by the exact
 * {@link Ziggurat} (one word for about 99% of samples, more in the wedges and tail; no tail truncation), the method
 * the JDK's own nextGaussian uses, so that this mode keeps up with it. Raw bytes come from whole words. The account's {@code hardwareBits} is the pool
 * bits used as seed, and {@code streamPosition} the DRBG output bytes generated so far.
 */
public final class DrbgNoiseSource implements NoiseSource {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK_BYTES = 64 << 10;
    private static final int WORDS = BLOCK_BYTES / Long.BYTES;

    private final PoolSeededCtrDrbg drbg;
    private final byte[] block = new byte[BLOCK_BYTES];
    private final long[] words = new long[WORDS];
    private final Ziggurat.Words nextWord = this::nextWordOrRefill;
    private int wordPosition = WORDS;
    private long normals;
    private long rawBytes;

    private DrbgNoiseSource(PoolSeededCtrDrbg drbg) {
        this.drbg = drbg;
    }

    /** A source seeded now from {@code seedSupplier}, reseeding every {@code reseedIntervalBytes} of output. */
    public static DrbgNoiseSource seededFrom(EntropySupplier seedSupplier, long reseedIntervalBytes)
            throws IOException {
        return new DrbgNoiseSource(PoolSeededCtrDrbg.seededFrom(Objects.requireNonNull(seedSupplier, "seedSupplier"),
                reseedIntervalBytes));
    }

    /** A source reseeding every {@link PoolSeededCtrDrbg#DEFAULT_RESEED_INTERVAL_BYTES}. */
    public static DrbgNoiseSource seededFrom(EntropySupplier seedSupplier) throws IOException {
        return seededFrom(seedSupplier, PoolSeededCtrDrbg.DEFAULT_RESEED_INTERVAL_BYTES);
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.DRBG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        double[] scaled = Ziggurat.SCALED_X;
        double[] accept = Ziggurat.ACCEPT_X;
        long[] w = words;
        int k = offset;
        int end = offset + length;
        while (k < end) {
            if (wordPosition == WORDS) {
                refill();
            }
            // Locals in the hot loop so the JIT keeps them in registers; the rare slow path leaves it.
            int p = wordPosition;
            int stop = Math.min(end, k + (WORDS - p));
            while (k < stop) {
                long v = w[p++];
                int i = (int) v & 0xff;
                double x = (v >> 8) * scaled[i];
                if (Math.abs(x) < accept[i]) {
                    out[k++] = (float) x;
                } else {
                    wordPosition = p;
                    out[k++] = (float) Ziggurat.sample(v, nextWord);
                    p = wordPosition;
                    break;
                }
            }
            wordPosition = p;
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        double[] scaled = Ziggurat.SCALED_X;
        double[] accept = Ziggurat.ACCEPT_X;
        long[] w = words;
        int k = offset;
        int end = offset + length;
        while (k < end) {
            if (wordPosition == WORDS) {
                refill();
            }
            int p = wordPosition;
            int stop = Math.min(end, k + (WORDS - p));
            while (k < stop) {
                long v = w[p++];
                int i = (int) v & 0xff;
                double x = (v >> 8) * scaled[i];
                if (Math.abs(x) < accept[i]) {
                    out[k++] = x;
                } else {
                    wordPosition = p;
                    out[k++] = Ziggurat.sample(v, nextWord);
                    p = wordPosition;
                    break;
                }
            }
            wordPosition = p;
        }
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        // Whole words per request: the unused bytes of the last word are dropped, never handed out again.
        for (int done = 0; done < length; ) {
            if (wordPosition == WORDS) {
                refill();
            }
            int n = Math.min(length - done, (WORDS - wordPosition) * Long.BYTES);
            for (int b = 0; b < n; b++) {
                out[offset + done + b] = (byte) (words[wordPosition + b / Long.BYTES] >>> (8 * (b % Long.BYTES)));
            }
            wordPosition += (n + Long.BYTES - 1) / Long.BYTES;
            done += n;
        }
        rawBytes += length;
    }

    /** Reseeds from the pool so far (instantiation not counted). */
    public long reseeds() {
        return drbg.reseeds();
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(normals, rawBytes, drbg.bytesGenerated(), drbg.seedBytesUsed() * Byte.SIZE);
    }

    @Override
    public void close() {
        java.util.Arrays.fill(words, 0L);
    }

    private long nextWordOrRefill() throws IOException {
        if (wordPosition == WORDS) {
            refill();
        }
        return words[wordPosition++];
    }

    private void refill() throws IOException {
        drbg.nextBytes(block, 0, BLOCK_BYTES);
        for (int i = 0; i < WORDS; i++) {
            words[i] = (long) LONG_LE.get(block, i * Long.BYTES);
        }
        java.util.Arrays.fill(block, (byte) 0);
        wordPosition = 0;
    }
}

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
 * {@code reseedIntervalBytes} of output. Normals are made from DRBG words by the same exact inversion as {@code trng}
 * ({@link GaussianInversion}: 32 bits per float32, 64 per float64). The account's {@code hardwareBits} is the pool
 * bits used as seed, and {@code streamPosition} the DRBG output bytes generated so far.
 */
public final class DrbgNoiseSource implements NoiseSource {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK_BYTES = 64 << 10;

    private final PoolSeededCtrDrbg drbg;
    private final byte[] block = new byte[BLOCK_BYTES];
    private int blockPosition = BLOCK_BYTES;
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
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (blockPosition + Integer.BYTES > BLOCK_BYTES) {
                refill();
            }
            int n = Math.min(end - i, (BLOCK_BYTES - blockPosition) / Integer.BYTES);
            int p = blockPosition;
            for (int k = 0; k < n; k++, p += Integer.BYTES) {
                out[i + k] = GaussianInversion.floatOf((int) INT_LE.get(block, p));
            }
            blockPosition = p;
            i += n;
            normals += n;
        }
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (blockPosition + Long.BYTES > BLOCK_BYTES) {
                refill();
            }
            int n = Math.min(end - i, (BLOCK_BYTES - blockPosition) / Long.BYTES);
            int p = blockPosition;
            for (int k = 0; k < n; k++, p += Long.BYTES) {
                out[i + k] = GaussianInversion.doubleOf((long) LONG_LE.get(block, p));
            }
            blockPosition = p;
            i += n;
            normals += n;
        }
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        int done = 0;
        while (done < length) {
            if (blockPosition == BLOCK_BYTES) {
                refill();
            }
            int n = Math.min(length - done, BLOCK_BYTES - blockPosition);
            System.arraycopy(block, blockPosition, out, offset + done, n);
            blockPosition += n;
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
        java.util.Arrays.fill(block, (byte) 0);
    }

    /** The unused tail of a block (fewer bytes than one word) is skipped, never reused. */
    private void refill() throws IOException {
        drbg.nextBytes(block, 0, BLOCK_BYTES);
        blockPosition = 0;
    }
}

package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;
import org.spinnoise.entropy.drbg.EntropySupplier;
import org.spinnoise.entropy.drbg.PoolSeededDrbg;

/**
 * Noise mode {@code drbg}: samples from the output of an SP 800-90A CTR_DRBG (AES-256, no derivation function,
 * {@link PoolSeededDrbg}) instantiated from 48 pool bytes and reseeded from 48 fresh pool bytes every
 * {@code reseedIntervalBytes} of output. Normals are made from little-endian DRBG output by exact ziggurats (for
 * most samples 32 bits per float32 normal, {@link Ziggurat32}, or 64 per float64 normal, {@link Ziggurat}; more in
 * the wedges and tail; no tail truncation), the method family of the JDK's own nextGaussian, so that this mode keeps
 * up with it ({@link WordBlockSampler}). Raw bytes are handed out in whole words.
 * The account's {@code hardwareBits} is the pool bits used as seed, and {@code streamPosition} the DRBG output bytes
 * generated so far (drawn in blocks of 64 KiB).
 */
public final class DrbgNoiseSource implements NoiseSource {
    private static final int BLOCK_BYTES = 64 << 10;

    private final PoolSeededDrbg drbg;
    private final WordBlockSampler<IOException> sampler;
    private long normals;
    private long rawBytes;

    private DrbgNoiseSource(PoolSeededDrbg drbg) {
        this.drbg = drbg;
        this.sampler = new WordBlockSampler<>(BLOCK_BYTES, block -> drbg.nextBytes(block, 0, block.length));
    }

    /** A source seeded now from {@code seedSupplier}, reseeding every {@code reseedIntervalBytes} of output. */
    public static DrbgNoiseSource seededFrom(EntropySupplier seedSupplier, long reseedIntervalBytes)
            throws IOException {
        return new DrbgNoiseSource(PoolSeededDrbg.seededFrom(Objects.requireNonNull(seedSupplier, "seedSupplier"),
                reseedIntervalBytes));
    }

    /** A source reseeding every {@link PoolSeededDrbg#DEFAULT_RESEED_INTERVAL_BYTES}. */
    public static DrbgNoiseSource seededFrom(EntropySupplier seedSupplier) throws IOException {
        return seededFrom(seedSupplier, PoolSeededDrbg.DEFAULT_RESEED_INTERVAL_BYTES);
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.DRBG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        sampler.fillFloats(out, offset, length);
        normals += length;
    }

    @Override
    public void fillFloatsLittleEndian(byte[] out, int byteOffset, int count) throws IOException {
        sampler.fillFloatsLittleEndian(out, byteOffset, count);
        normals += count;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        sampler.fillDoubles(out, offset, length);
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        sampler.fillBytes(out, offset, length);
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
        sampler.clear();
    }
}

package org.spinnoise.noise;

/**
 * Noise mode {@code prng}: the software baseline, reproducible from its seed. Its words come from eight
 * L64X128MixRandom generators, the JDK's algorithm, run side by side ({@link LxmLanes}; lane k is the JDK's
 * {@code L64X128MixRandom} seeded with {@code seed + k·0x9e3779b97f4a7c15}), and normals are made from them by the
 * same exact ziggurats as {@code drbg} (for most samples one multiply-and-compare over half a word for float32,
 * {@link Ziggurat32}, or over a whole word for float64, {@link Ziggurat}; no tail truncation). The lanes run in
 * Vector API code where the JVM has it (same words either way): this mode is the generator behind the noise
 * service's throughput figure and the baseline of every comparison, so it must not be the bottleneck. It uses no hardware bits; {@code streamPosition} counts the values handed out (normals
 * plus bytes).
 */
public final class PrngNoiseSource implements NoiseSource {
    /** The JDK algorithm behind each lane of this mode. */
    public static final String ALGORITHM = "L64X128MixRandom";

    /** Words per refill: 64 steps of the eight lanes. */
    private static final int BLOCK_BYTES = 4096;

    private final WordBlockSampler<RuntimeException> sampler;
    private long normals;
    private long rawBytes;

    private PrngNoiseSource(LxmLanes lanes) {
        this.sampler = new WordBlockSampler<>(BLOCK_BYTES, lanes::fill);
    }

    /** A source seeded with {@code seed}: the same seed gives the same samples. */
    public static PrngNoiseSource seeded(long seed) {
        return new PrngNoiseSource(new LxmLanes(seed));
    }

    /** {@link #seeded(long)} with the lanes in vector or scalar code (the samples are the same; for tests). */
    static PrngNoiseSource seeded(long seed, boolean vectorLanes) {
        return new PrngNoiseSource(new LxmLanes(seed, vectorLanes));
    }

    /** The JDK seed of lane {@code lane} (0–7) of a source seeded with {@code seed}. */
    public static long laneSeed(long seed, int lane) {
        return LxmLanes.laneSeed(seed, lane);
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.PRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) {
        sampler.fillFloats(out, offset, length);
        normals += length;
    }

    @Override
    public void fillFloatsLittleEndian(byte[] out, int byteOffset, int count) {
        sampler.fillFloatsLittleEndian(out, byteOffset, count);
        normals += count;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) {
        sampler.fillDoubles(out, offset, length);
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) {
        sampler.fillBytes(out, offset, length);
        rawBytes += length;
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(normals, rawBytes, normals + rawBytes, 0);
    }

    @Override
    public void close() {
        sampler.clear();
    }
}

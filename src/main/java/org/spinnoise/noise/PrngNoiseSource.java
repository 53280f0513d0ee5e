package org.spinnoise.noise;

import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Noise mode {@code prng}: the JDK's L64X128MixRandom, seeded, with its own {@code nextGaussian} (McFarland's
 * modified ziggurat); the software baseline that every comparison is made against, reproducible from its seed. It
 * uses no hardware bits; {@code streamPosition} counts the values handed out (normals plus bytes).
 */
public final class PrngNoiseSource implements NoiseSource {
    /** The JDK algorithm behind this mode. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private final RandomGenerator generator;
    private long normals;
    private long rawBytes;

    private PrngNoiseSource(RandomGenerator generator) {
        this.generator = generator;
    }

    /** A source seeded with {@code seed}: the same seed gives the same samples. */
    public static PrngNoiseSource seeded(long seed) {
        return new PrngNoiseSource(RandomGeneratorFactory.of(ALGORITHM).create(seed));
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.PRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, out.length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = (float) generator.nextGaussian();
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, out.length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = generator.nextGaussian();
        }
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, out.length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = (byte) generator.nextInt();
        }
        rawBytes += length;
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(normals, rawBytes, normals + rawBytes, 0);
    }

    @Override
    public void close() {
        // Nothing held.
    }
}

package org.spinnoise.noise;

import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Noise mode {@code prng}: the software baseline, reproducible from its seed. The JDK's L64X128MixRandom, seeded,
 * gives 64-bit words, and normals are made from them by the same exact 256-layer {@link Ziggurat} as {@code drbg}
 * (one word and one multiply-and-compare for about 99% of samples, no tail truncation), inlined here over
 * {@code nextLong} because the JDK's own {@code nextGaussian} (McFarland's modified ziggurat, double precision with
 * more work per sample) costs several times more per normal and would make this mode, not the transport, the limit of
 * the noise service. It uses no hardware bits; {@code streamPosition} counts the values handed out (normals plus
 * bytes).
 */
public final class PrngNoiseSource implements NoiseSource {
    /** The JDK algorithm behind this mode. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private final RandomGenerator generator;
    /** Words for the rare samples that miss the rectangle test. */
    private final Ziggurat.Words<RuntimeException> moreWords;
    private long normals;
    private long rawBytes;

    private PrngNoiseSource(RandomGenerator generator) {
        this.generator = generator;
        this.moreWords = generator::nextLong;
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
        double[] scaledX = Ziggurat.SCALED_X;
        double[] acceptX = Ziggurat.ACCEPT_X;
        for (int i = offset, end = offset + length; i < end; i++) {
            long v = generator.nextLong();
            int layer = (int) v & 0xff;
            double x = (v >> 8) * scaledX[layer];
            out[i] = (float) (Math.abs(x) < acceptX[layer] ? x : Ziggurat.sample(v, moreWords));
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, out.length);
        double[] scaledX = Ziggurat.SCALED_X;
        double[] acceptX = Ziggurat.ACCEPT_X;
        for (int i = offset, end = offset + length; i < end; i++) {
            long v = generator.nextLong();
            int layer = (int) v & 0xff;
            double x = (v >> 8) * scaledX[layer];
            out[i] = Math.abs(x) < acceptX[layer] ? x : Ziggurat.sample(v, moreWords);
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

package org.spinnoise.diffusion;

import java.util.SplittableRandom;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/**
 * A software noise source for sampler tests: seeded normals scaled by {@code scale} (1 for honest noise, other values
 * for deliberately wrong noise), charging {@code bitsPerNormal} hardware bits per normal so accounting can be checked.
 */
final class SeededNormals implements NoiseSource {
    private final SplittableRandom random;
    private final double scale;
    private final long bitsPerNormal;
    private long normals;
    private long bytes;

    SeededNormals(long seed, double scale, long bitsPerNormal) {
        this.random = new SplittableRandom(seed);
        this.scale = scale;
        this.bitsPerNormal = bitsPerNormal;
    }

    SeededNormals(long seed) {
        this(seed, 1.0, 0);
    }

    @Override
    public NoiseMode mode() {
        return bitsPerNormal > 0 ? NoiseMode.TRNG : NoiseMode.PRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (float) (scale * random.nextGaussian());
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = scale * random.nextGaussian();
        }
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) {
        for (int i = 0; i < length; i++) {
            out[offset + i] = (byte) random.nextInt(256);
        }
        bytes += length;
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(normals, bytes, normals + bytes, normals * bitsPerNormal + 8 * bytes);
    }

    @Override
    public void close() {
    }
}

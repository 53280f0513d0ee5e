package org.spinnoise.diffusion;

import org.spinnoise.noise.NoiseMode;

/**
 * The outcome of one sampler run: the generated images and what their randomness cost, taken as the difference of
 * the noise source's {@link org.spinnoise.noise.NoiseAccount} before and after the run.
 *
 * @param images           {@code batch} images, NCHW, in the model's data range (−1 … 1 for images)
 * @param sampler          the sampler and its settings, e.g. {@code ddim(S=50, eta=0, ...)}
 * @param mode             where the noise came from
 * @param normals          N(0, 1) samples the run drew
 * @param bytes            raw bytes the run drew (zero for samplers, which draw only normals)
 * @param hardwareBits     pool bits that noise cost (zero in {@code prng} mode)
 * @param denoiserCalls    network evaluations, each over the whole batch
 */
public record SampleRun(float[] images, int batch, ImageShape shape, String sampler, NoiseMode mode, long normals,
                        long bytes, long hardwareBits, int denoiserCalls) {

    /** Pool bits per generated image; zero when the noise did not come from the pool. */
    public double hardwareBitsPerImage() {
        return batch == 0 ? 0 : (double) hardwareBits / batch;
    }
}

package org.spinnoise.diffusion;

/**
 * An ε-prediction network: given noisy images x_t and their timesteps, it predicts the Gaussian noise ε that was mixed
 * into them, x_t = √ᾱ_t · x_0 + √(1 − ᾱ_t) · ε. The samplers call only this; training (forward with caches, backward to
 * parameter gradients) belongs to the model classes in {@code diffusion.nn}, not to this interface.
 *
 * <p>Timesteps are 0-based indices into the {@link NoiseSchedule} the network was trained with: {@code t = 0} is the
 * least noisy step (ᾱ_0 = 1 − β_0) and {@code t = T − 1} the noisiest. A denoiser is used by one thread at a time.
 */
public interface Denoiser {

    /** The shape of one image this denoiser accepts. */
    ImageShape shape();

    /**
     * Predicts the noise of {@code batch} images.
     *
     * @param x         {@code batch} noisy images, NCHW, {@code shape().values(batch)} values; left unchanged
     * @param batch     number of images
     * @param timesteps one timestep per image, each in [0, T)
     * @param epsOut    receives the predicted noise, same layout and length as {@code x}
     */
    void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut);
}

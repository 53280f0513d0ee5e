package org.spinnoise.diffusion;

/**
 * A denoiser whose weights the training loop can fit: one flat parameter vector that optimizers, the EMA and
 * checkpoints read and write in place, and one call that returns the ε-prediction loss of a batch with its gradient.
 * Networks in {@code diffusion.nn} implement it; the training loop in this package knows nothing else about them.
 */
public interface TrainableDenoiser extends Denoiser {

    /** The live parameter vector: writing into it changes the network. Its length never changes. */
    float[] parameters();

    /**
     * Predicts the noise of {@code batch} noisy images and returns the loss, the mean over all
     * {@code shape().values(batch)} values of (ε̂ − ε)², after overwriting {@code gradientOut} with ∂loss/∂parameters.
     *
     * @param x           noisy images x_t, NCHW; left unchanged
     * @param timesteps   one timestep per image, each in [0, T)
     * @param epsTarget   the noise that was mixed into {@code x}
     * @param gradientOut receives the gradient, length {@code parameters().length}
     */
    double lossAndGradient(float[] x, int batch, int[] timesteps, float[] epsTarget, float[] gradientOut);
}

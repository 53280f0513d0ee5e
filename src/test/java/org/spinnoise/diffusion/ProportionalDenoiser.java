package org.spinnoise.diffusion;

/**
 * A test denoiser that predicts ε = gain · x: cheap, deterministic, and enough to make every sampler step depend on
 * the current image (gain 0.5 shrinks it; gain −1 makes x̂_0 overshoot far outside [−1, 1]).
 */
record ProportionalDenoiser(ImageShape shape, float gain) implements Denoiser {
    @Override
    public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
        for (int i = 0; i < shape.values(batch); i++) {
            epsOut[i] = gain * x[i];
        }
    }
}

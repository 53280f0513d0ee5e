package org.spinnoise.diffusion.nn;

/**
 * The sinusoidal embedding of a diffusion timestep (Vaswani et al.; Ho et al. 2020): for frequencies
 * f_i = 10000^(−i/(half−1)), i &lt; half, the row [sin(t·f_0) … sin(t·f_{half−1}), cos(t·f_0) … cos(t·f_{half−1})].
 * Neighbouring timesteps get nearby rows and distant ones nearly orthogonal rows; the network's time MLP reads it.
 */
final class TimeEmbedding {

    private TimeEmbedding() {
    }

    /** One row of {@code dimension} floats per timestep; {@code dimension} even and at least 4. */
    static float[] sinusoidal(float[] timesteps, int dimension) {
        if (dimension < 4 || dimension % 2 != 0) {
            throw new IllegalArgumentException("time embedding dimension must be even and >= 4, got " + dimension);
        }
        int half = dimension / 2;
        float[] rows = new float[timesteps.length * dimension];
        for (int n = 0; n < timesteps.length; n++) {
            for (int i = 0; i < half; i++) {
                double frequency = Math.exp(-Math.log(10000.0) * i / (half - 1));
                double angle = timesteps[n] * frequency;
                rows[n * dimension + i] = (float) Math.sin(angle);
                rows[n * dimension + half + i] = (float) Math.cos(angle);
            }
        }
        return rows;
    }
}

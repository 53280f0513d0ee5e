package org.spinnoise.diffusion;

import java.util.SplittableRandom;

/**
 * An isotropic Gaussian mixture in a few dimensions, the sampler tests' target: because each component stays Gaussian
 * under the forward process (x_t | k ~ N(√ᾱ_t μ_k, (ᾱ_t s_k² + 1 − ᾱ_t) I)), the exact ε-prediction
 * ε*(x_t, t) = −√(1 − ᾱ_t) ∇ log q_t(x_t) is known in closed form for every t; {@link #exactDenoiser} implements it.
 */
final class GaussianMixture {
    final double[] weights;
    final double[][] means;
    final double[] stds;
    final int dims;

    GaussianMixture(double[] weights, double[][] means, double[] stds) {
        this.weights = weights;
        this.means = means;
        this.stds = stds;
        this.dims = means[0].length;
    }

    /** The component whose posterior responsibility for {@code x} is largest under the clean data (t = −1). */
    int component(double[] x) {
        return argmaxResponsibility(x, 0, 1.0);
    }

    private int argmaxResponsibility(double[] x, int offset, double alphaBar) {
        int best = 0;
        double bestLog = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            double logR = logWeighted(x, offset, k, alphaBar);
            if (logR > bestLog) {
                bestLog = logR;
                best = k;
            }
        }
        return best;
    }

    private double logWeighted(double[] x, int offset, int k, double alphaBar) {
        double variance = alphaBar * stds[k] * stds[k] + 1 - alphaBar;
        double sq = 0;
        for (int d = 0; d < dims; d++) {
            double diff = x[offset + d] - Math.sqrt(alphaBar) * means[k][d];
            sq += diff * diff;
        }
        return Math.log(weights[k]) - 0.5 * dims * Math.log(variance) - sq / (2 * variance);
    }

    /** Independent draws from the target, as rows. */
    double[][] draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[count][dims];
        for (int i = 0; i < count; i++) {
            double u = random.nextDouble();
            int k = 0;
            while (k < weights.length - 1 && u >= weights[k]) {
                u -= weights[k];
                k++;
            }
            for (int d = 0; d < dims; d++) {
                out[i][d] = means[k][d] + stds[k] * random.nextGaussian();
            }
        }
        return out;
    }

    /** The exact ε-prediction under {@code schedule}, as a denoiser on images of shape dims×1×1. */
    Denoiser exactDenoiser(NoiseSchedule schedule) {
        ImageShape shape = new ImageShape(dims, 1, 1);
        return new Denoiser() {
            @Override
            public ImageShape shape() {
                return shape;
            }

            @Override
            public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
                double[] point = new double[dims];
                double[] logR = new double[weights.length];
                for (int b = 0; b < batch; b++) {
                    double alphaBar = schedule.alphaBar(timesteps[b]);
                    for (int d = 0; d < dims; d++) {
                        point[d] = x[b * dims + d];
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < weights.length; k++) {
                        logR[k] = logWeighted(point, 0, k, alphaBar);
                        max = Math.max(max, logR[k]);
                    }
                    double total = 0;
                    for (int k = 0; k < weights.length; k++) {
                        logR[k] = Math.exp(logR[k] - max);
                        total += logR[k];
                    }
                    for (int d = 0; d < dims; d++) {
                        double score = 0;
                        for (int k = 0; k < weights.length; k++) {
                            double variance = alphaBar * stds[k] * stds[k] + 1 - alphaBar;
                            score += logR[k] / total * (Math.sqrt(alphaBar) * means[k][d] - point[d]) / variance;
                        }
                        epsOut[b * dims + d] = (float) (-Math.sqrt(1 - alphaBar) * score);
                    }
                }
            }
        };
    }
}

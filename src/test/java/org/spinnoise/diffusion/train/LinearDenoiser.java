package org.spinnoise.diffusion.train;

import java.util.SplittableRandom;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.TrainableDenoiser;

/**
 * The smallest trainable denoiser for training-loop tests: ε̂ = W x + b + u · (t/T − ½) over the d values of an
 * image, with W, b and u in one flat parameter vector [W row-major, b, u] and the exact gradient of the mean squared
 * error.
 */
class LinearDenoiser implements TrainableDenoiser {
    private final ImageShape shape;
    private final int steps;
    private final float[] parameters;

    LinearDenoiser(ImageShape shape, int steps, long seed) {
        this.shape = shape;
        this.steps = steps;
        int d = shape.values();
        this.parameters = new float[d * d + 2 * d];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < d * d; i++) {
            parameters[i] = (float) (random.nextGaussian() * 0.1);
        }
    }

    @Override
    public ImageShape shape() {
        return shape;
    }

    @Override
    public float[] parameters() {
        return parameters;
    }

    @Override
    public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
        int d = shape.values();
        for (int b = 0; b < batch; b++) {
            double time = (double) timesteps[b] / steps - 0.5;
            for (int i = 0; i < d; i++) {
                double sum = parameters[d * d + i] + parameters[d * d + d + i] * time;
                for (int j = 0; j < d; j++) {
                    sum += parameters[i * d + j] * x[b * d + j];
                }
                epsOut[b * d + i] = (float) sum;
            }
        }
    }

    @Override
    public double lossAndGradient(float[] x, int batch, int[] timesteps, float[] epsTarget, float[] gradientOut) {
        int d = shape.values();
        float[] prediction = new float[batch * d];
        predictNoise(x, batch, timesteps, prediction);
        java.util.Arrays.fill(gradientOut, 0f);
        double loss = 0;
        double scale = 2.0 / (batch * d);
        for (int b = 0; b < batch; b++) {
            double time = (double) timesteps[b] / steps - 0.5;
            for (int i = 0; i < d; i++) {
                double residual = prediction[b * d + i] - epsTarget[b * d + i];
                loss += residual * residual;
                double r = scale * residual;
                for (int j = 0; j < d; j++) {
                    gradientOut[i * d + j] += (float) (r * x[b * d + j]);
                }
                gradientOut[d * d + i] += (float) r;
                gradientOut[d * d + d + i] += (float) (r * time);
            }
        }
        return loss / (batch * d);
    }
}

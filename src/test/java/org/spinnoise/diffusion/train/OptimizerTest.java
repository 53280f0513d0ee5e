package org.spinnoise.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Adam against the textbook algorithm, and the EMA against its closed form. */
class OptimizerTest {

    @Test
    void adamFollowsTheTextbookUpdateWithBiasCorrection() {
        int n = 5;
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        Adam adam = new Adam(n, lr, b1, b2, eps);
        float[] theta = {0.5f, -1f, 2f, 0f, 3f};
        double[] reference = {0.5, -1, 2, 0, 3};
        double[] m = new double[n];
        double[] v = new double[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 1; t <= 20; t++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) random.nextGaussian();
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                reference[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.update(theta, g);
            for (int i = 0; i < n; i++) {
                assertEquals(reference[i], theta[i], 1e-5, "step " + t + " parameter " + i);
            }
        }
        assertEquals(20, adam.steps());
    }

    @Test
    void adamsFirstStepMovesEachParameterByTheLearningRateAgainstItsGradient() {
        Adam adam = Adam.withLearningRate(3, 0.05);
        float[] theta = {1f, 1f, 1f};
        adam.update(theta, new float[] {4f, -0.001f, 0f});
        assertArrayEquals(new float[] {0.95f, 1.05f, 1f}, theta, 1e-5f);
    }

    @Test
    void adamFindsTheMinimumOfAQuadraticAndRestoresItsState() {
        float[] target = {3f, -2f, 0.5f};
        Adam adam = Adam.withLearningRate(3, 0.05);
        float[] theta = new float[3];
        for (int t = 0; t < 2000; t++) {
            float[] g = new float[3];
            for (int i = 0; i < 3; i++) {
                g[i] = 2 * (theta[i] - target[i]) * (i + 1);
            }
            adam.update(theta, g);
        }
        assertArrayEquals(target, theta, 1e-3f);
        Adam copy = Adam.withLearningRate(3, 0.05);
        copy.restore(adam.firstMoment(), adam.secondMoment(), adam.steps());
        float[] a = theta.clone();
        float[] b = theta.clone();
        float[] g = {0.3f, -0.1f, 0.2f};
        adam.update(a, g);
        copy.update(b, g);
        assertArrayEquals(a, b);
        assertThrows(IllegalArgumentException.class, () -> copy.update(new float[2], new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new Adam(3, 0, 0.9, 0.999, 1e-8));
    }

    @Test
    void emaIsTheGeometricallyWeightedAverageOfTheWeights() {
        double d = 0.9;
        Ema ema = new Ema(new float[] {1f}, d);
        float[][] steps = {{2f}, {4f}, {-1f}};
        for (float[] p : steps) {
            ema.update(p);
        }
        double expected = d * d * d * 1 + (1 - d) * (d * d * 2 + d * 4 + -1);
        assertEquals(expected, ema.weights()[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new Ema(new float[1], 1.0));
    }

    @Test
    void gradientClippingScalesOnlyNormsAboveTheLimit() {
        float[] g = {3f, 4f};
        DiffusionTrainer.clip(g, 10);
        assertArrayEquals(new float[] {3f, 4f}, g);
        DiffusionTrainer.clip(g, 1);
        assertArrayEquals(new float[] {0.6f, 0.8f}, g, 1e-7f);
        DiffusionTrainer.clip(g, 0);
        assertArrayEquals(new float[] {0.6f, 0.8f}, g, 1e-7f);
    }
}

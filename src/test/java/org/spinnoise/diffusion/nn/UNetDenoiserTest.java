package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The U-Net as a denoiser: scalar and vector kernels give the same predictions, splitting a batch over threads
 * changes nothing, the loss and its gradient agree with their definitions, a few steps of gradient descent on one
 * batch lower the loss, and the built-in configuration has the advertised size.
 */
class UNetDenoiserTest {

    private final SplittableRandom random = new SplittableRandom(61);

    @Test
    void theFashionMnistNetworkHasTheAdvertisedSize() {
        UNet net = new UNet(UNetConfig.fashionMnist());
        assertTrue(net.parameterCount() > 500_000 && net.parameterCount() < 2_000_000, "" + net.parameterCount());
        assertEquals(net.parameterCount(), net.layout().size());
        // 2 × multiply-accumulates of the convolutions and linear layers, counted by hand for widths 32/64/64.
        long stem = 1 * 9 * 32 * 784;
        long level0 = (32 * 9 * 32 + 32 * 9 * 32) * 784L + (96 * 9 * 32 + 32 * 9 * 32 + 96 * 32) * 784L;
        long level1 = (32 * 9 * 64 + 64 * 9 * 64 + 32 * 64) * 196L + (128 * 9 * 64 + 64 * 9 * 64 + 128 * 64) * 196L;
        long level2 = (64 * 9 * 64 * 2) * 49L * 2 + (128 * 9 * 64 + 64 * 9 * 64 + 128 * 64) * 49L;
        long down = 32 * 9 * 32 * 196L + 64 * 9 * 64 * 49L;
        long out = 32 * 9 * 1 * 784L;
        long time = 32 * 128 + 128 * 128 + 128L * (32 + 64 + 64 + 64 + 64 + 64 + 32);
        assertEquals(2 * (stem + level0 + level1 + level2 + down + out + time), net.forwardFlopsPerImage());
        assertTrue(net.trainingFlopsPerImage() > 2.9 * net.forwardFlopsPerImage());
    }

    @Test
    void vectorAndScalarKernelsPredictTheSameNoise() {
        UNet net = new UNet(UNetGradientTest.tiny());
        float[] params = net.layout().initialValues(7);
        int batch = 3;
        float[] x = GemmEquivalenceTest.randomArray(random, net.config().image().values(batch));
        int[] timesteps = {0, 499, 999};
        float[] scalar = new float[x.length];
        float[] vector = new float[x.length];
        new UNetDenoiser(net, params, Kernels.scalar(), 1).predictNoise(x, batch, timesteps, scalar);
        new UNetDenoiser(net, params, Kernels.vector(), 1).predictNoise(x, batch, timesteps, vector);
        double largest = 0;
        for (float v : scalar) {
            largest = Math.max(largest, Math.abs(v));
        }
        // Only the summation order of weight gradients and the exponential differ in forward; a few hundred
        // roundings deep, the outputs agree to 1e-4 of their scale, while any indexing error changes them by O(1).
        for (int i = 0; i < x.length; i++) {
            assertEquals(scalar[i], vector[i], 1e-4 * largest, "output " + i);
        }
    }

    @Test
    void splittingTheBatchOverThreadsChangesNothing() {
        UNet net = new UNet(UNetGradientTest.tiny());
        float[] params = net.layout().initialValues(8);
        int batch = 5;
        float[] x = GemmEquivalenceTest.randomArray(random, net.config().image().values(batch));
        float[] eps = GemmEquivalenceTest.randomArray(random, x.length);
        int[] timesteps = {1, 2, 300, 700, 999};
        float[] one = new float[x.length];
        float[] three = new float[x.length];
        new UNetDenoiser(net, params, Kernels.scalar(), 1).predictNoise(x, batch, timesteps, one);
        new UNetDenoiser(net, params, Kernels.scalar(), 3).predictNoise(x, batch, timesteps, three);
        assertArrayEquals(one, three, 0f, "each image's arithmetic is the same whatever part it is in");

        float[] gradOne = new float[params.length];
        float[] gradThree = new float[params.length];
        double lossOne = new UNetDenoiser(net, params, Kernels.scalar(), 1).lossAndGradient(x, batch, timesteps, eps,
                gradOne);
        double lossThree = new UNetDenoiser(net, params, Kernels.scalar(), 3).lossAndGradient(x, batch, timesteps,
                eps, gradThree);
        assertEquals(lossOne, lossThree, 1e-12 * lossOne);
        double norm = 0;
        for (float g : gradOne) {
            norm = Math.max(norm, Math.abs(g));
        }
        for (int i = 0; i < params.length; i++) {
            assertEquals(gradOne[i], gradThree[i], 1e-5 * norm, "gradient " + i);
        }
    }

    @Test
    void lossIsTheMeanSquaredErrorOfThePrediction() {
        UNet net = new UNet(UNetGradientTest.tiny());
        float[] params = net.layout().initialValues(9);
        UNetDenoiser denoiser = new UNetDenoiser(net, params, Kernels.scalar(), 2);
        int batch = 2;
        float[] x = GemmEquivalenceTest.randomArray(random, net.config().image().values(batch));
        float[] eps = GemmEquivalenceTest.randomArray(random, x.length);
        int[] timesteps = {10, 20};
        float[] predicted = new float[x.length];
        denoiser.predictNoise(x, batch, timesteps, predicted);
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            expected += (predicted[i] - (double) eps[i]) * (predicted[i] - (double) eps[i]);
        }
        expected /= x.length;
        float[] grads = new float[params.length];
        java.util.Arrays.fill(grads, 99f);
        assertEquals(expected, denoiser.lossAndGradient(x, batch, timesteps, eps, grads), 1e-9 * expected);
        // The gradient array is overwritten, not added to.
        float[] again = new float[params.length];
        denoiser.lossAndGradient(x, batch, timesteps, eps, again);
        assertArrayEquals(again, grads, 0f);
    }

    @Test
    void gradientDescentOnOneBatchLowersTheLoss() {
        UNet net = new UNet(UNetGradientTest.tiny());
        float[] params = net.layout().initialValues(10);
        UNetDenoiser denoiser = new UNetDenoiser(net, params, Kernels.scalar(), 2);
        int batch = 4;
        float[] x = GemmEquivalenceTest.randomArray(random, net.config().image().values(batch));
        float[] eps = GemmEquivalenceTest.randomArray(random, x.length);
        int[] timesteps = {5, 50, 500, 900};
        float[] grads = new float[params.length];
        double first = denoiser.lossAndGradient(x, batch, timesteps, eps, grads);
        double loss = first;
        for (int step = 0; step < 40; step++) {
            for (int i = 0; i < params.length; i++) {
                params[i] -= 0.05f * grads[i];
            }
            loss = denoiser.lossAndGradient(x, batch, timesteps, eps, grads);
        }
        assertTrue(loss < 0.7 * first, "loss went from " + first + " to " + loss);
    }

    @Test
    void refusesMismatchedArrays() {
        UNet net = new UNet(UNetGradientTest.tiny());
        assertThrows(IllegalArgumentException.class, () -> new UNetDenoiser(net, new float[3]));
        UNetDenoiser denoiser = new UNetDenoiser(net, net.layout().initialValues(1), Kernels.scalar(), 1);
        assertThrows(IllegalArgumentException.class,
                () -> denoiser.predictNoise(new float[10], 2, new int[] {1, 2}, new float[10]));
    }
}

package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.ImageShape;

/**
 * The convolutional classifier's new layers (2×2 max pooling, ReLU) and its whole cross-entropy gradient against
 * central finite differences, on a tiny network and odd batch sizes, with both kernel families.
 */
class ConvClassifierGradientTest {

    private final SplittableRandom random = new SplittableRandom(23);

    @Test
    void maxPoolingRoutesEachGradientToItsWindowsLargestInput() {
        Tensor x = randomTensor(3, 2, 6, 4);
        float[] r = random(3 * 2 * 3 * 2);
        byte[] winners = new byte[r.length];
        float[] y = MaxPool2.forward(x, winners).data();
        for (int i = 0; i < y.length; i++) {
            assertTrue(winners[i] >= 0 && winners[i] < 4);
        }
        float[] dx = MaxPool2.backward(new Tensor(r.clone(), 3, 2, 3, 2), winners).data();
        double magnitude = FiniteDifferences.weightedSum(y, r)[1];
        FiniteDifferences.check("max pool input", x.data(), FiniteDifferences.spread(0, x.data().length, 144), dx,
                () -> FiniteDifferences.weightedSum(MaxPool2.forward(x, null).data(), r)[0], magnitude);
        float[] known = {1, 5, 2, 0, 3, 4, 7, 6, -1, -2, -3, -4, -5, -6, -7, -8};
        Tensor pooled = MaxPool2.forward(new Tensor(known, 1, 1, 4, 4), null);
        assertArrayEquals(new float[] {5, 7, -1, -3}, pooled.data());
        assertThrows(IllegalArgumentException.class, () -> MaxPool2.forward(randomTensor(1, 1, 5, 4), null));
    }

    @Test
    void reluPassesTheGradientWhereItsOutputIsPositive() {
        float[] x = random(40);
        float[] y = Relu.forwardInPlace(x.clone());
        float[] r = random(40);
        float[] dx = Relu.backwardInPlace(y, r.clone());
        double magnitude = FiniteDifferences.weightedSum(y, r)[1];
        FiniteDifferences.check("relu input", x, FiniteDifferences.spread(0, 40, 40), dx,
                () -> FiniteDifferences.weightedSum(Relu.forwardInPlace(x.clone()), r)[0], magnitude);
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        int batch = 4;
        float[] x = random(batch * 96);
        ConvClassifierNetwork net = new ConvClassifierNetwork(new ImageShape(1, 8, 12), 3, 4, 5, 3);
        // Weights spread wider than at initialisation, so every ReLU is on for some images and off for others.
        float[] initial = net.initialParameters(5);
        for (int i = 0; i < initial.length; i++) {
            initial[i] += (float) (0.3 * random.nextGaussian());
        }
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.vector()}) {
            float[] params = initial.clone();
            byte[] labels = {2, 0, 1, 1};
            float[] gradient = new float[params.length];
            net.lossAndGradient(params, x, batch, labels, 0, gradient, kernels);
            int[] indices = FiniteDifferences.spread(0, params.length, 200);
            double worst = worstRatio(net, params, x, labels, gradient, indices, kernels);
            assertTrue(worst <= 1, kernels.name() + " " + worst);
            // The check sees a gradient that is off by 5% in one entry (the largest conv2 weight gradient).
            ParameterLayout.Slice conv2 = net.layout().slice("conv2.weight");
            int target = conv2.offset();
            for (int i = conv2.offset(); i < conv2.offset() + conv2.length(); i++) {
                target = Math.abs(gradient[i]) > Math.abs(gradient[target]) ? i : target;
            }
            gradient[target] *= 1.05f;
            double broken = worstRatio(net, params, x, labels, gradient, new int[] {target}, kernels);
            assertTrue(broken > 1, "ratio " + broken + " at gradient " + gradient[target]);
        }
    }

    @Test
    void anImagesFeaturesDoNotDependOnTheBatchAroundIt() {
        ConvClassifierNetwork net = new ConvClassifierNetwork(new ImageShape(1, 8, 8), 4, 8, 6, 3);
        float[] params = net.initialParameters(2);
        Kernels kernels = Kernels.best();
        float[] batch = random(7 * 64);
        float[] all = new float[7 * 6];
        net.features(params, batch, 7, all, kernels);
        float[] one = new float[6];
        net.features(params, java.util.Arrays.copyOfRange(batch, 4 * 64, 5 * 64), 1, one, kernels);
        assertArrayEquals(java.util.Arrays.copyOfRange(all, 4 * 6, 5 * 6), one, 1e-5f);
        assertEquals("1x8x8,4,8,6,3", net.describe());
        assertEquals(net.parameterCount(), ConvClassifierNetwork.parse(net.describe()).parameterCount());
        assertThrows(IllegalArgumentException.class, () -> new ConvClassifierNetwork(new ImageShape(1, 6, 8), 4, 8, 6, 3));
    }

    /**
     * Largest |numeric − analytic| / (1e-4 + 2e-3·|numeric|) of the mean cross-entropy over {@code indices}, with
     * central differences of step 1e-3: the loss comes from a float network, and its rounding (~1e-7 of a loss near 1)
     * costs ~5e-5 in the quotient; correct gradients stay below a tenth of the tolerance. A max or a ReLU that changes
     * its choice within the step makes the quotient meaningless there; such an index shows as a quotient that changes
     * when the step is halved, and is skipped, and at most one index in 20 may be.
     */
    private static double worstRatio(ConvClassifierNetwork net, float[] params, float[] x, byte[] labels,
                                     float[] analytic, int[] indices, Kernels kernels) {
        double worst = 0;
        int kinks = 0;
        for (int p : indices) {
            double numeric = quotient(net, params, x, labels, p, 1e-3, kernels);
            double half = quotient(net, params, x, labels, p, 5e-4, kernels);
            double tolerance = 1e-4 + 2e-3 * Math.abs(numeric);
            if (Math.abs(numeric - half) > tolerance) {
                kinks++;
                continue;
            }
            worst = Math.max(worst, Math.abs(numeric - analytic[p]) / tolerance);
        }
        assertTrue(kinks * 20 <= indices.length, kinks + " of " + indices.length + " indices sit on a kink");
        return worst;
    }

    private static double quotient(ConvClassifierNetwork net, float[] params, float[] x, byte[] labels, int p,
                                   double h, Kernels kernels) {
        float[] scratch = new float[params.length];
        float saved = params[p];
        float up = (float) (saved + h);
        float down = (float) (saved - h);
        params[p] = up;
        double lossUp = net.lossAndGradient(params, x, labels.length, labels, 0, scratch, kernels);
        params[p] = down;
        double lossDown = net.lossAndGradient(params, x, labels.length, labels, 0, scratch, kernels);
        params[p] = saved;
        return (lossUp - lossDown) / ((double) up - down);
    }

    private float[] random(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private Tensor randomTensor(int channels, int batch, int height, int width) {
        return new Tensor(random(channels * batch * height * width), channels, batch, height, width);
    }
}

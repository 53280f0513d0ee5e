package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.ImageShape;

/**
 * The whole U-Net's backward pass against finite differences: every parameter slice (a few entries each, both
 * ends included) on a small three-level network with two image channels, two images and different timesteps.
 */
class UNetGradientTest {

    static UNetConfig tiny() {
        return new UNetConfig(new ImageShape(2, 8, 8), new int[] {4, 6, 6}, 2, 8, 6);
    }

    @Test
    void everyParameterSliceMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(51);
        UNet net = new UNet(tiny());
        float[] params = net.layout().initialValues(5);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) random.nextDouble(-0.2, 0.2);
        }
        Kernels kernels = Kernels.scalar();
        Tensor x = new Tensor(GemmEquivalenceTest.randomArray(random, 2 * 2 * 8 * 8), 2, 2, 8, 8);
        int[] timesteps = {3, 870};
        UNet.Trace trace = new UNet.Trace();
        Tensor y = net.forward(params, x, timesteps, kernels, trace);
        float[] r = GemmEquivalenceTest.randomArray(random, y.data().length);
        float[] grads = new float[params.length];
        net.backward(params, grads, trace, new Tensor(r, y.channels(), y.batch(), y.height(), y.width()), kernels);
        double magnitude = FiniteDifferences.weightedSum(y.data(), r)[1];
        DoubleSupplier loss = () -> FiniteDifferences.weightedSum(
                net.forward(params, x, timesteps, kernels, null).data(), r)[0];
        int checkedSlices = 0;
        for (ParameterLayout.Slice slice : net.layout().slices()) {
            FiniteDifferences.check(slice.name(), params, FiniteDifferences.spread(slice.offset(), slice.length(), 4),
                    grads, loss, magnitude);
            checkedSlices++;
        }
        assertEquals(net.layout().slices().size(), checkedSlices);
    }
}

package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Every layer's backward pass against central finite differences of L = Σ r·y (see {@link FiniteDifferences} for the
 * tolerance), with respect to its parameters and its input, on odd shapes and batches of more than one image.
 */
class LayerGradientTest {

    /** A layer under test: forward reads the current parameter and input arrays; backward returns {dParams, dInput}. */
    private interface Probe {
        float[] forward();

        float[][] backward(float[] dy);
    }

    private final SplittableRandom random = new SplittableRandom(41);

    @Test
    void conv3x3Stride1() {
        checkConv(Kernels.scalar(), 3, 5, 3, 1, 2, 5, 6);
        checkConv(Kernels.vector(), 3, 5, 3, 1, 2, 5, 6);
    }

    @Test
    void conv3x3Stride2() {
        checkConv(Kernels.scalar(), 2, 4, 3, 2, 2, 7, 6);
        checkConv(Kernels.vector(), 2, 4, 3, 2, 2, 7, 6);
    }

    @Test
    void conv1x1() {
        checkConv(Kernels.scalar(), 4, 3, 1, 1, 3, 3, 5);
        checkConv(Kernels.vector(), 4, 3, 1, 1, 3, 3, 5);
    }

    @Test
    void aWrongGradientFailsTheCheck() {
        ParameterLayout layout = new ParameterLayout();
        Conv2d conv = new Conv2d(layout, "c", 2, 3, 3, 1);
        float[] params = randomized(layout);
        Tensor x = randomTensor(2, 2, 4, 5);
        Probe probe = convProbe(conv, params, x, Kernels.scalar());
        float[] y = probe.forward();
        float[] r = random(y.length);
        float[][] gradients = probe.backward(r);
        gradients[0][conv.weightOffset + 4] *= 1.01f;
        double magnitude = FiniteDifferences.weightedSum(y, r)[1];
        double ratio = FiniteDifferences.worstRatio(params, new int[] {conv.weightOffset + 4}, gradients[0],
                () -> FiniteDifferences.weightedSum(probe.forward(), r)[0], magnitude);
        assertTrue(ratio > 1, "a 1% error in one weight gradient must fail the check, ratio " + ratio);
    }

    @Test
    void groupNorm() {
        ParameterLayout layout = new ParameterLayout();
        GroupNorm norm = new GroupNorm(layout, "gn", 6, 3);
        float[] params = randomized(layout);
        Tensor x = randomTensor(6, 3, 3, 5);
        Kernels kernels = Kernels.scalar();
        check("group norm", params, x.data(), new Probe() {
            private float[] stats;

            @Override
            public float[] forward() {
                stats = new float[2 * x.batch() * norm.groups];
                return norm.forward(params, x, stats, kernels).data();
            }

            @Override
            public float[][] backward(float[] dy) {
                float[] grads = new float[params.length];
                Tensor dx = norm.backward(params, grads, x, stats, like(x, dy), kernels);
                return new float[][] {grads, dx.data()};
            }
        });
    }

    @Test
    void linear() {
        ParameterLayout layout = new ParameterLayout();
        Linear linear = new Linear(layout, "fc", 5, 7);
        float[] params = randomized(layout);
        float[] x = random(3 * 5);
        Kernels kernels = Kernels.scalar();
        check("linear", params, x, new Probe() {
            @Override
            public float[] forward() {
                return linear.forward(params, x, 3, kernels);
            }

            @Override
            public float[][] backward(float[] dy) {
                float[] grads = new float[params.length];
                float[] dx = linear.backward(params, grads, x, dy, 3, kernels, true);
                return new float[][] {grads, dx};
            }
        });
    }

    @Test
    void siluAndUpsample() {
        float[] none = new float[1];
        Tensor x = randomTensor(2, 2, 3, 4);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] *= 4;
        }
        Kernels kernels = Kernels.scalar();
        check("silu", none, x.data(), new Probe() {
            @Override
            public float[] forward() {
                return Silu.forward(x, kernels).data();
            }

            @Override
            public float[][] backward(float[] dy) {
                return new float[][] {new float[1], Silu.backward(x, like(x, dy), kernels).data()};
            }
        });
        check("upsample", none, x.data(), new Probe() {
            @Override
            public float[] forward() {
                return FeatureMaps.upsample2(x).data();
            }

            @Override
            public float[][] backward(float[] dy) {
                Tensor dyTensor = new Tensor(dy, x.channels(), x.batch(), 2 * x.height(), 2 * x.width());
                return new float[][] {new float[1], FeatureMaps.upsample2Backward(dyTensor).data()};
            }
        });
    }

    @Test
    void residualBlockWithChannelChangeAndTimeFeatures() {
        ParameterLayout layout = new ParameterLayout();
        ResBlock block = new ResBlock(layout, "res", 4, 6, 2, 5);
        float[] params = randomized(layout);
        Tensor x = randomTensor(4, 2, 5, 4);
        float[] time = random(2 * 5);
        Kernels kernels = Kernels.scalar();
        float[][] timeGradient = new float[1][];
        Probe probe = new Probe() {
            private ResBlock.Cache cache;

            @Override
            public float[] forward() {
                cache = new ResBlock.Cache();
                return block.forward(params, x, time, kernels, cache).data();
            }

            @Override
            public float[][] backward(float[] dy) {
                float[] grads = new float[params.length];
                timeGradient[0] = new float[time.length];
                Tensor dx = block.backward(params, grads, cache, new Tensor(dy, 6, 2, 5, 4), time, timeGradient[0],
                        kernels);
                return new float[][] {grads, dx.data()};
            }
        };
        check("residual block", params, x.data(), probe);
        float[] y = probe.forward();
        float[] r = random(y.length);
        probe.backward(r);
        double magnitude = FiniteDifferences.weightedSum(y, r)[1];
        FiniteDifferences.check("residual block time features", time, FiniteDifferences.spread(0, time.length, 10),
                timeGradient[0], () -> FiniteDifferences.weightedSum(probe.forward(), r)[0], magnitude);
    }

    private void checkConv(Kernels kernels, int in, int out, int kernel, int stride, int batch, int height, int width) {
        ParameterLayout layout = new ParameterLayout();
        Conv2d conv = new Conv2d(layout, "c", in, out, kernel, stride);
        float[] params = randomized(layout);
        Tensor x = randomTensor(in, batch, height, width);
        check("conv " + kernel + "x" + kernel + "/" + stride + " " + kernels.name(), params, x.data(),
                convProbe(conv, params, x, kernels));
    }

    private static Probe convProbe(Conv2d conv, float[] params, Tensor x, Kernels kernels) {
        return new Probe() {
            @Override
            public float[] forward() {
                return conv.forward(params, x, kernels).data();
            }

            @Override
            public float[][] backward(float[] dy) {
                Tensor y = conv.forward(params, x, kernels);
                float[] grads = new float[params.length];
                Tensor dx = conv.backward(params, grads, x, like(y, dy), kernels, true);
                return new float[][] {grads, dx.data()};
            }
        };
    }

    /** Checks all parameters (up to 40 per layer, spread) and up to 40 input elements. */
    private void check(String what, float[] params, float[] input, Probe probe) {
        float[] y = probe.forward();
        float[] r = random(y.length);
        float[][] gradients = probe.backward(r);
        double magnitude = FiniteDifferences.weightedSum(y, r)[1];
        DoubleSupplier loss = () -> FiniteDifferences.weightedSum(probe.forward(), r)[0];
        if (params.length > 1) {
            FiniteDifferences.check(what + " parameters", params, FiniteDifferences.spread(0, params.length, 40),
                    gradients[0], loss, magnitude);
        }
        FiniteDifferences.check(what + " input", input, FiniteDifferences.spread(0, input.length, 40), gradients[1],
                loss, magnitude);
    }

    private float[] randomized(ParameterLayout layout) {
        float[] params = layout.initialValues(random.nextLong());
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) random.nextDouble(-0.3, 0.3);
        }
        return params;
    }

    private float[] random(int length) {
        return GemmEquivalenceTest.randomArray(random, length);
    }

    private Tensor randomTensor(int channels, int batch, int height, int width) {
        return new Tensor(random(channels * batch * height * width), channels, batch, height, width);
    }

    private static Tensor like(Tensor shape, float[] data) {
        return new Tensor(data, shape.channels(), shape.batch(), shape.height(), shape.width());
    }
}

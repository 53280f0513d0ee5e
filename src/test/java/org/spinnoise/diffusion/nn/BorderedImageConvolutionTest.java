package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The convolution read in place from bordered images against the im2col path on the same layer and input:
 * equal within the rounding of their sums on every output, on one and on two threads, at stride 1 and 2, for the
 * U-Net's own layer shapes and for sizes whose rows do not fill whole vectors; and the im2col path kept where the
 * bordered one would waste too much (7×7 planes with several images), gain too little (one input
 * channel) or does not apply (stride 2 on odd sizes, 1×1); output channels need not fill a register tile.
 */
class BorderedImageConvolutionTest {

    private final SplittableRandom random = new SplittableRandom(41);

    @Test
    void equalsTheIm2colPathOnTheUNetsLayersAndOddSizes() {
        // in, out, height, width, images, stride; run in turn on one thread, so each shape reuses the buffers the one
        // before left its data in, at other places than its own borders: a border not cleared shows as a wrong output.
        int[][] shapes = {{32, 32, 28, 28, 1, 1}, {96, 32, 28, 28, 1, 1}, {64, 64, 14, 14, 1, 1},
            {128, 64, 14, 14, 1, 1}, {8, 8, 9, 13, 1, 1}, {13, 16, 19, 22, 1, 1}, {32, 32, 28, 28, 3, 1},
            {13, 16, 19, 22, 2, 1}, {96, 32, 28, 28, 2, 1}, {32, 32, 28, 28, 1, 2}, {64, 64, 14, 14, 3, 2},
            {8, 16, 10, 6, 1, 2}, {13, 8, 18, 22, 2, 2}, {32, 32, 28, 28, 2, 2}, {32, 1, 28, 28, 1, 1},
            {32, 1, 28, 28, 2, 1}, {13, 6, 19, 22, 1, 1}, {16, 3, 14, 14, 2, 2}, {64, 64, 7, 7, 1, 1}};
        for (int threads = 1; threads <= 2; threads++) {
            Kernels kernels = Kernels.vector().withThreads(threads);
            for (int[] s : shapes) {
                ParameterLayout layout = new ParameterLayout();
                Conv2d conv = new Conv2d(layout, "c", s[0], s[1], 3, s[5]);
                float[] params = layout.initialValues(7);
                Tensor x = GemmEquivalenceTest.gaussianTensor(random, s[0], s[4], s[2], s[3]);
                assertTrue(BorderedImageConvolution.applies(conv, x, kernels), java.util.Arrays.toString(s));
                Tensor expected = conv.forwardIm2col(params, x, kernels);
                // Directly: with several images and even sizes the layer itself now takes the Winograd path.
                Tensor actual = BorderedImageConvolution.forward(conv, params, x, kernels,
                        Tensor.zeros(s[1], s[4], expected.height(), expected.width()));
                assertEquals(expected.channels(), actual.channels());
                assertEquals(expected.height(), actual.height());
                assertEquals(expected.width(), actual.width());
                assertEquals(expected.batch(), actual.batch());
                // Both add the same products in the same order, so most outputs are equal bit for bit. The im2col
                // path sums a ragged last block from zero and adds the bias after: each chain of 9·in fused
                // multiply-adds is then within 9·in·u·Σ|terms| of the exact sum (Higham §3.1), twice that apart.
                int terms = 9 * s[0] + 1;
                int area = expected.height() * expected.width();
                for (int i = 0; i < expected.data().length; i++) {
                    int co = i / (s[4] * area);
                    int n = i / area % s[4];
                    double magnitude = Math.abs(params[conv.biasOffset + co]) + magnitude(conv, params, x, n, co,
                            i % area / expected.width(), i % expected.width());
                    double bound = 2.0 * terms * Math.scalb(1.0, -24) * magnitude;
                    assertTrue(Math.abs(expected.data()[i] - actual.data()[i]) <= bound, "output " + i + " of "
                            + java.util.Arrays.toString(s) + " on " + threads + " thread(s): " + expected.data()[i]
                            + " vs " + actual.data()[i]);
                }
            }
        }
    }

    @Test
    void im2colStaysWhereTheBorderWouldCostMoreOrDoesNotApply() {
        Kernels kernels = Kernels.vector();
        ParameterLayout layout = new ParameterLayout();
        Conv2d same = new Conv2d(layout, "same", 64, 64, 3, 1);
        Conv2d strided = new Conv2d(layout, "strided", 64, 64, 3, 2);
        Conv2d pointwise = new Conv2d(layout, "pointwise", 64, 64, 1, 1);
        Conv2d oneOutput = new Conv2d(layout, "one", 32, 1, 3, 1);
        Conv2d stem = new Conv2d(layout, "stem", 1, 32, 3, 1);
        assertTrue(BorderedImageConvolution.applies(same, Tensor.zeros(64, 1, 7, 7), kernels), "7x7 plane");
        assertFalse(BorderedImageConvolution.applies(same, Tensor.zeros(64, 2, 7, 7), kernels),
                "two images, 7x7 plane");
        assertTrue(BorderedImageConvolution.applies(same, Tensor.zeros(64, 2, 14, 14), kernels),
                "two images, 14x14 plane");
        assertTrue(BorderedImageConvolution.applies(same, Tensor.zeros(64, 2, 28, 28), kernels),
                "two images, 28x28 plane");
        assertTrue(BorderedImageConvolution.applies(same, Tensor.zeros(64, 1, 14, 14), kernels),
                "one image, 14x14 plane");
        assertTrue(BorderedImageConvolution.applies(strided, Tensor.zeros(64, 1, 28, 28), kernels), "stride 2");
        assertTrue(BorderedImageConvolution.applies(strided, Tensor.zeros(64, 16, 14, 14), kernels),
                "stride 2, sixteen images");
        assertFalse(BorderedImageConvolution.applies(strided, Tensor.zeros(64, 1, 7, 7), kernels),
                "stride 2, odd size");
        assertFalse(BorderedImageConvolution.applies(pointwise, Tensor.zeros(64, 1, 28, 28), kernels), "1x1");
        assertTrue(BorderedImageConvolution.applies(oneOutput, Tensor.zeros(32, 1, 28, 28), kernels),
                "one output channel");
        assertFalse(BorderedImageConvolution.applies(stem, Tensor.zeros(1, 1, 28, 28), kernels), "one input channel");
        assertFalse(BorderedImageConvolution.applies(same, Tensor.zeros(64, 1, 28, 28), Kernels.scalar()),
                "scalar kernels");
        assertTrue(BorderedImageConvolution.applies(same, Tensor.zeros(64, 1, 28, 28), kernels), "28x28 plane");
    }

    /** Σ|w·x| over output (oy, ox)'s receptive field in image n, channel {@code co}. */
    private static double magnitude(Conv2d conv, float[] params, Tensor x, int n, int co, int oy, int ox) {
        int height = x.height();
        int width = x.width();
        double sum = 0;
        for (int ci = 0; ci < conv.inChannels; ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int iy = conv.stride * oy + tap / 3 - 1;
                int ix = conv.stride * ox + tap % 3 - 1;
                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    sum += Math.abs((double) params[conv.weightOffset + (co * conv.inChannels + ci) * 9 + tap]
                            * x.data()[((ci * x.batch() + n) * height + iy) * width + ix]);
                }
            }
        }
        return sum;
    }
}

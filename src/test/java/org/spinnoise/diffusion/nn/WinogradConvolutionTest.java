package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Winograd F(2×2, 3×3) convolution against the im2col path on the same layer and input, on one and on two
 * threads, for the U-Net's layer shapes at batch 16's kind of use and for odd channel counts and sizes whose rows of
 * tiles do not fill whole vectors: every output within the forward error bound of a bilinear algorithm (the
 * rounding of each sum, times the same sum taken over absolute values: |Aᵀ|[(|G||g||G|ᵀ) ⊙ (|Bᵀ||d||B|)]|A|, summed
 * over input channels); and the path taken only where it was measured to pay.
 */
class WinogradConvolutionTest {

    private static final double[][] G = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, 0.5, 0.5}, {0, 0, 1}};
    private static final double[][] B_T = {{1, 0, 1, 0}, {0, 1, 1, 0}, {0, 1, 1, 0}, {0, 1, 0, 1}};
    private static final double[][] A_T = {{1, 1, 1, 0}, {0, 1, 1, 1}};

    private final SplittableRandom random = new SplittableRandom(43);

    @Test
    void equalsTheDirectConvolutionWithinTheBilinearErrorBound() {
        // in, out, height, width, images; run in turn on one thread, so each reuses the buffers the one before
        // filled: a border or tail not cleared shows as a wrong output.
        int[][] shapes = {{32, 32, 28, 28, 2}, {96, 32, 28, 28, 2}, {64, 64, 14, 14, 2}, {128, 64, 14, 14, 2},
            {32, 8, 6, 10, 2}, {33, 9, 4, 4, 3}, {40, 12, 8, 30, 2}};
        for (int threads = 1; threads <= 2; threads++) {
            Kernels kernels = Kernels.vector().withThreads(threads);
            for (int[] s : shapes) {
                ParameterLayout layout = new ParameterLayout();
                Conv2d conv = new Conv2d(layout, "c", s[0], s[1], 3, 1);
                float[] params = layout.initialValues(11);
                Tensor x = GemmEquivalenceTest.gaussianTensor(random, s[0], s[4], s[2], s[3]);
                assertTrue(WinogradConvolution.applies(conv, x, kernels), java.util.Arrays.toString(s));
                Tensor expected = conv.forwardIm2col(params, x, kernels);
                Tensor actual = conv.forward(params, x, kernels);
                check(conv, params, x, expected, actual, java.util.Arrays.toString(s) + " on " + threads);
            }
        }
    }

    @Test
    void takenOnlyWhereItPays() {
        Kernels kernels = Kernels.vector();
        ParameterLayout layout = new ParameterLayout();
        Conv2d same = new Conv2d(layout, "same", 64, 64, 3, 1);
        assertTrue(WinogradConvolution.applies(same, Tensor.zeros(64, 2, 14, 14), kernels), "two images");
        assertFalse(WinogradConvolution.applies(same, Tensor.zeros(64, 1, 14, 14), kernels), "one image");
        assertFalse(WinogradConvolution.applies(same, Tensor.zeros(64, 16, 7, 7), kernels), "odd size");
        assertFalse(WinogradConvolution.applies(new Conv2d(layout, "strided", 64, 64, 3, 2),
                Tensor.zeros(64, 16, 14, 14), kernels), "stride 2");
        assertFalse(WinogradConvolution.applies(new Conv2d(layout, "narrow", 16, 64, 3, 1),
                Tensor.zeros(16, 16, 14, 14), kernels), "16 input channels");
        assertFalse(WinogradConvolution.applies(new Conv2d(layout, "one", 32, 1, 3, 1),
                Tensor.zeros(32, 16, 28, 28), kernels), "one output channel");
        assertFalse(WinogradConvolution.applies(new Conv2d(layout, "pointwise", 64, 64, 1, 1),
                Tensor.zeros(64, 16, 14, 14), kernels), "1x1");
    }

    private static void check(Conv2d conv, float[] params, Tensor x, Tensor expected, Tensor actual, String what) {
        int height = x.height();
        int width = x.width();
        int batch = x.batch();
        int in = conv.inChannels;
        double u = Math.scalb(1.0, -24);
        // |G||g||G|ᵀ per kernel, then per tile and input channel |Bᵀ||d||B|.
        double[][][] weights = new double[conv.outChannels * in][][];
        for (int k = 0; k < weights.length; k++) {
            double[][] g = new double[3][3];
            for (int r = 0; r < 9; r++) {
                g[r / 3][r % 3] = Math.abs(params[conv.weightOffset + 9 * k + r]);
            }
            weights[k] = multiply(multiply(G, g), transpose(G));
        }
        for (int n = 0; n < batch; n++) {
            for (int ty = 0; ty < height / 2; ty++) {
                for (int tx = 0; tx < width / 2; tx++) {
                    double[][][] patches = new double[in][][];
                    for (int ci = 0; ci < in; ci++) {
                        patches[ci] = multiply(multiply(B_T, patch(x, ci, n, ty, tx)), transpose(B_T));
                    }
                    for (int co = 0; co < conv.outChannels; co++) {
                        double[][] m = new double[4][4];
                        for (int ci = 0; ci < in; ci++) {
                            double[][] w = weights[co * in + ci];
                            for (int r = 0; r < 16; r++) {
                                m[r / 4][r % 4] += w[r / 4][r % 4] * patches[ci][r / 4][r % 4];
                            }
                        }
                        double[][] magnitude = multiply(multiply(A_T, m), transpose(A_T));
                        double bias = Math.abs(params[conv.biasOffset + co]);
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 2; j++) {
                                int at = ((co * batch + n) * height + 2 * ty + i) * width + 2 * tx + j;
                                // The channel sum's roundings, the transforms' few more, and the direct path's own.
                                double bound = 2 * (in * 9 + 16) * u * (magnitude[i][j] + bias);
                                double diff = Math.abs(expected.data()[at] - actual.data()[at]);
                                assertTrue(diff <= bound, what + ": output " + at + " differs by " + diff
                                        + ", bound " + bound);
                            }
                        }
                    }
                }
            }
        }
    }

    /** |d|, the 4×4 input patch of tile (ty, tx) in channel ci of image n, zero outside the image. */
    private static double[][] patch(Tensor x, int ci, int n, int ty, int tx) {
        double[][] d = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                int iy = 2 * ty - 1 + r;
                int ix = 2 * tx - 1 + c;
                if (iy >= 0 && iy < x.height() && ix >= 0 && ix < x.width()) {
                    d[r][c] = Math.abs(x.data()[((ci * x.batch() + n) * x.height() + iy) * x.width() + ix]);
                }
            }
        }
        return d;
    }

    private static void add(double[][] sum, double[][] term) {
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += term[i][j];
            }
        }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}

package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shifted-copy fast path of im2col/col2im against the general loop (copies exactly, sums within rounding), on blocks that start mid-row, cross image
 * boundaries and are shorter than a row; and the general loop against its definition, by adjointness:
 * ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩.
 */
class Im2colTest {

    private final SplittableRandom random = new SplittableRandom(31);

    @Test
    void fastSame3x3PathEqualsTheGeneralLoop() {
        fastPathEqualsTheGeneralLoop(Kernels.scalar().pointwise());
        fastPathEqualsTheGeneralLoop(Kernels.vector().pointwise());
    }

    private void fastPathEqualsTheGeneralLoop(Pointwise pointwise) {
        int[][] shapes = {{1, 1, 1, 1}, {2, 3, 5, 7}, {3, 2, 28, 28}, {1, 4, 7, 7}, {2, 2, 3, 2}};
        for (int[] s : shapes) {
            Tensor x = randomTensor(s[0], s[1], s[2], s[3]);
            int columns = x.plane();
            for (int trial = 0; trial < 12; trial++) {
                int first = random.nextInt(columns);
                int count = 1 + random.nextInt(columns - first);
                int ld = count + random.nextInt(3);
                float[] fast = new float[9 * s[0] * ld];
                float[] general = new float[fast.length];
                new Im2col(3, 1, 1, s[2], s[3], count, pointwise).fill(x, first, count, fast, ld);
                Im2col.general(x.data(), x, 3, 1, 1, s[2], s[3], first, count, general, ld, false);
                assertArrayEquals(general, fast, 0f, "fill " + java.util.Arrays.toString(s) + " from " + first
                        + " count " + count);

                float[] col = GemmEquivalenceTest.randomArray(random, fast.length);
                Tensor fastTarget = randomTensor(s[0], s[1], s[2], s[3]);
                Tensor generalTarget = new Tensor(fastTarget.data().clone(), s[0], s[1], s[2], s[3]);
                new Im2col(3, 1, 1, s[2], s[3], count, pointwise).scatterAdd(col.clone(), ld, first, count, fastTarget);
                Im2col.general(generalTarget.data(), generalTarget, 3, 1, 1, s[2], s[3], first, count, col, ld, true);
                // Each element sums at most nine taps plus its start value, all within ±1, in a different order on
                // the two paths: they differ by at most 2·10·u·10 ≈ 1.2e-5.
                assertArrayEquals(generalTarget.data(), fastTarget.data(), 2e-5f, "scatter "
                        + java.util.Arrays.toString(s) + " from " + first + " count " + count);
            }
        }
    }

    @Test
    void generalScatterIsTheAdjointOfFill() {
        int[][] cases = {{3, 1, 1}, {3, 2, 1}, {1, 1, 0}, {3, 1, 1}};
        int[][] shapes = {{2, 2, 5, 6}, {3, 2, 7, 7}, {2, 3, 4, 5}, {1, 1, 1, 1}};
        for (int c = 0; c < cases.length; c++) {
            int kernel = cases[c][0];
            int stride = cases[c][1];
            int pad = cases[c][2];
            int[] s = shapes[c];
            int outHeight = (s[2] + 2 * pad - kernel) / stride + 1;
            int outWidth = (s[3] + 2 * pad - kernel) / stride + 1;
            int columns = s[1] * outHeight * outWidth;
            int rows = s[0] * kernel * kernel;
            Tensor x = randomTensor(s[0], s[1], s[2], s[3]);
            float[] col = new float[rows * columns];
            Im2col im2col = new Im2col(kernel, stride, pad, s[2], s[3], columns, Kernels.scalar().pointwise());
            im2col.fill(x, 0, columns, col, columns);
            float[] c2 = GemmEquivalenceTest.randomArray(random, col.length);
            Tensor back = x.zerosLike();
            im2col.scatterAdd(c2.clone(), columns, 0, columns, back);
            double left = 0;
            double magnitude = 0;
            for (int i = 0; i < col.length; i++) {
                left += (double) col[i] * c2[i];
                magnitude += Math.abs((double) col[i] * c2[i]);
            }
            double right = 0;
            for (int i = 0; i < x.data().length; i++) {
                right += (double) x.data()[i] * back.data()[i];
            }
            // col2im sums at most k² floats per input element, so each carries at most k²·u relative error.
            assertEquals(left, right, kernel * kernel * Math.scalb(1.0, -24) * magnitude + 1e-12,
                    "kernel " + kernel + " stride " + stride);
        }
    }

    private Tensor randomTensor(int channels, int batch, int height, int width) {
        return new Tensor(GemmEquivalenceTest.randomArray(random, channels * batch * height * width), channels, batch,
                height, width);
    }
}

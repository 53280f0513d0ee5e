package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API matrix products against the scalar reference on random shapes that exercise every tile size and
 * tail: 4-row and single-row tiles, 4-vector and 1-vector column tiles, scalar leftover columns, offsets, leading
 * dimensions wider than the matrix, and A read transposed through its strides; and the gathered product against
 * the plain one on its rows copied out.
 */
class GemmEquivalenceTest {

    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);

    @Test
    void theBuildRunsTestsWithTheVectorApi() {
        assertTrue(Kernels.vectorAvailable(), "surefire must pass --add-modules jdk.incubator.vector");
        assertTrue(Kernels.vector().gemm().columnAlignment() >= 4, Kernels.vector().name());
    }

    @Test
    void multiplyEqualsTheScalarReferenceBitForBit() {
        // Both sum each element in index order with fused multiply-adds, so they must agree exactly.
        Gemm vector = Kernels.vector().gemm();
        Gemm scalar = Kernels.scalar().gemm();
        int lanes = vector.columnAlignment();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + random.nextInt(13);
            int n = 1 + random.nextInt(5 * lanes + 3);
            // Every fourth trial long enough for the kernel's slices of k (256 rows on 256-bit vectors).
            int k = 1 + random.nextInt(trial % 4 == 0 ? 700 : 40);
            boolean transposedA = random.nextBoolean();
            boolean accumulate = random.nextBoolean();
            int aOffset = random.nextInt(5);
            int bOffset = random.nextInt(5);
            int cOffset = random.nextInt(5);
            int ldb = n + random.nextInt(4);
            int ldc = n + random.nextInt(4);
            float[] a = randomArray(random, aOffset + m * k);
            int aRowStride = transposedA ? 1 : k;
            int aColStride = transposedA ? m : 1;
            float[] b = randomArray(random, bOffset + k * ldb);
            float[] c0 = randomArray(random, cOffset + m * ldc);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            scalar.multiply(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, ldb, expected, cOffset, ldc,
                    accumulate);
            vector.multiply(m, n, k, a, aOffset, aRowStride, aColStride, b, bOffset, ldb, actual, cOffset, ldc,
                    accumulate);
            assertArrayEquals(expected, actual, 0f, "m=" + m + " n=" + n + " k=" + k + " transposedA=" + transposedA
                    + " accumulate=" + accumulate);
        }
    }

    @Test
    void multiplyGatheredEqualsTheScalarReferenceBitForBitAndReadsTheRowsItIsGiven() {
        Gemm vector = Kernels.vector().gemm();
        Gemm scalar = Kernels.scalar().gemm();
        int lanes = vector.columnAlignment();
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + random.nextInt(13);
            int n = 1 + random.nextInt(7 * lanes + 3);
            // Every fourth trial long enough for the kernel's slices of k.
            int k = 1 + random.nextInt(trial % 4 == 0 ? 700 : 40);
            int lda = k + random.nextInt(3);
            int ldc = n + random.nextInt(4);
            int bColumn = random.nextInt(5);
            float[] b = randomArray(random, 4 * (n + bColumn) + 16);
            int[] rows = new int[k];
            for (int p = 0; p < k; p++) {
                // Rows anywhere in b, overlapping and repeated, as a bordered image's taps are.
                rows[p] = random.nextInt(b.length - n - bColumn + 1);
            }
            float[] a = randomArray(random, m * lda);
            float[] c0 = randomArray(random, m * ldc);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            float[] gatheredB = new float[k * n];
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, rows[p] + bColumn, gatheredB, p * n, n);
            }
            scalar.multiply(m, n, k, a, 0, lda, 1, gatheredB, 0, n, expected, 0, ldc, true);
            vector.multiplyGathered(m, n, k, a, 0, lda, b, rows, bColumn, actual, 0, ldc);
            assertArrayEquals(expected, actual, 0f, "m=" + m + " n=" + n + " k=" + k);
            float[] scalarGathered = c0.clone();
            scalar.multiplyGathered(m, n, k, a, 0, lda, b, rows, bColumn, scalarGathered, 0, ldc);
            assertArrayEquals(expected, scalarGathered, 0f, "scalar m=" + m + " n=" + n + " k=" + k);
        }
    }

    @Test
    void multiplyTransposedBIsWithinTheRoundingBoundOfTheReference() {
        // The vector kernel adds lane partial sums in another order; both results are within n·u·Σ|a·b| of the exact
        // dot product (Higham, Accuracy and Stability, §3.1), so they differ by at most twice that, plus the rounding
        // of the final addition to C.
        Gemm vector = Kernels.vector().gemm();
        Gemm scalar = Kernels.scalar().gemm();
        int lanes = vector.columnAlignment();
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + random.nextInt(11);
            int q = 1 + random.nextInt(11);
            int n = 1 + random.nextInt(6 * lanes + 5);
            int lda = n + random.nextInt(3);
            int ldb = n + random.nextInt(3);
            int ldc = q + random.nextInt(3);
            float[] a = randomArray(random, m * lda);
            float[] b = randomArray(random, q * ldb);
            float[] c0 = randomArray(random, m * ldc);
            float[] expected = c0.clone();
            float[] actual = c0.clone();
            scalar.multiplyTransposedB(m, q, n, a, 0, lda, b, 0, ldb, expected, 0, ldc);
            vector.multiplyTransposedB(m, q, n, a, 0, lda, b, 0, ldb, actual, 0, ldc);
            for (int i = 0; i < m; i++) {
                for (int r = 0; r < q; r++) {
                    double magnitude = Math.abs(c0[i * ldc + r]);
                    for (int j = 0; j < n; j++) {
                        magnitude += Math.abs((double) a[i * lda + j] * b[r * ldb + j]);
                    }
                    double bound = (2.0 * n + 4) * UNIT_ROUNDOFF * magnitude;
                    double difference = Math.abs(expected[i * ldc + r] - actual[i * ldc + r]);
                    assertTrue(difference <= bound, "C(" + i + "," + r + ") differs by " + difference + " > " + bound
                            + " for m=" + m + " q=" + q + " n=" + n);
                }
            }
        }
    }

    /** A channels × batch × height × width tensor of standard normal values, as the convolution tests feed. */
    static Tensor gaussianTensor(SplittableRandom random, int channels, int batch, int height, int width) {
        Tensor t = Tensor.zeros(channels, batch, height, width);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) random.nextGaussian();
        }
        return t;
    }

    static float[] randomArray(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }
}

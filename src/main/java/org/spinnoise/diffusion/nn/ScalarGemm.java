package org.spinnoise.diffusion.nn;

/**
 * The reference {@link Gemm}: plain loops, each C element accumulated in index order with {@link Math#fma}, so the
 * vector kernels, which fuse multiply and add the same way and in the same order for {@code multiply}, can be
 * compared with it exactly there and within a proven rounding bound for {@code multiplyTransposedB}.
 */
public final class ScalarGemm implements Gemm {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int columnAlignment() {
        return 1;
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            }
            int aRow = aOffset + i * aRowStride;
            for (int p = 0; p < k; p++) {
                float aip = a[aRow + p * aColStride];
                int bRow = bOffset + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] = Math.fma(aip, b[bRow + j], c[cRow + j]);
                }
            }
        }
    }

    @Override
    public void multiplyTransposedB(int m, int q, int n, float[] a, int aOffset, int lda, float[] b, int bOffset,
                                    int ldb, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * lda;
            for (int r = 0; r < q; r++) {
                int bRow = bOffset + r * ldb;
                float sum = 0f;
                for (int j = 0; j < n; j++) {
                    sum = Math.fma(a[aRow + j], b[bRow + j], sum);
                }
                c[cOffset + i * ldc + r] += sum;
            }
        }
    }

    @Override
    public void multiplyGathered(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int[] bRows,
                                 int bColumn, float[] c, int cOffset, int ldc) {
        gathered(0, m, 0, n, 0, k, a, aOffset, lda, b, bRows, bColumn, c, cOffset, ldc);
    }

    /** Rows [i0, i1), columns [j0, j1) and terms [p0, p1) of {@link #multiplyGathered}; the vector kernels' edges. */
    static void gathered(int i0, int i1, int j0, int j1, int p0, int p1, float[] a, int aOffset, int lda, float[] b,
                         int[] bRows, int bColumn, float[] c, int cOffset, int ldc) {
        for (int i = i0; i < i1; i++) {
            int cRow = cOffset + i * ldc;
            for (int p = p0; p < p1; p++) {
                float aip = a[aOffset + i * lda + p];
                int bRow = bRows[p] + bColumn;
                for (int j = j0; j < j1; j++) {
                    c[cRow + j] = Math.fma(aip, b[bRow + j], c[cRow + j]);
                }
            }
        }
    }
}

package org.spinnoise.diffusion.nn;

/**
 * Single-precision matrix products, the kernels every convolution and linear layer of the network reduces to. Matrices
 * live in flat float arrays: B and C row-major with a leading dimension; A through a row stride and a column stride,
 * so one call covers both A and its transpose without copying. Two implementations exist, {@link ScalarGemm} (the
 * reference) and {@code VectorGemm} (the Vector API); {@link Kernels} picks one.
 */
public interface Gemm {

    /** Short name for reports: "scalar" or "vector-&lt;bits&gt;". */
    String name();

    /**
     * Column count that {@code multiply} handles at full speed when n is a multiple of it (the vector width);
     * callers pad their column blocks to it. 1 for the scalar kernels.
     */
    int columnAlignment();

    /**
     * C = A·B, or C += A·B when {@code accumulate}: C is m×n, A is m×k, B is k×n.
     * A(i,p) is {@code a[aOffset + i*aRowStride + p*aColStride]}, B(p,j) is {@code b[bOffset + p*ldb + j]},
     * C(i,j) is {@code c[cOffset + i*ldc + j]}.
     */
    void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                  float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean accumulate);

    /**
     * C += A·Bᵀ: C is m×q, A is m×n, B is q×n, all row-major; C(i,r) += Σ_j A(i,j)·B(r,j). This is the weight
     * gradient of a convolution, a dot product along the long dimension n.
     */
    void multiplyTransposedB(int m, int q, int n, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float[] c, int cOffset, int ldc);

    /**
     * C += A·B where B is gathered: row p of B is the n floats from {@code b[bRows[p] + bColumn]}. A convolution
     * reads the rows of its im2col matrix this way where they lie in a zero-bordered copy of the image, instead of
     * copying them out. A is row-major (m×k, leading dimension {@code lda}), C as in {@link #multiply}; each element
     * sums its products in p order with fused multiply-adds, so every implementation gives the same bits.
     */
    void multiplyGathered(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int[] bRows, int bColumn,
                          float[] c, int cOffset, int ldc);
}

package org.spinnoise.diffusion.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} on the incubating Vector API at the CPU's preferred width. {@code multiply} walks C in register tiles
 * of 4 rows × 3 vectors (4 × 4 with 512-bit vectors, which have twice the registers): for each p it loads the tile's
 * vectors of B's row p once and broadcasts four elements of A's column p, with all accumulators in registers for the
 * whole k loop. Narrower tiles (4 rows × 2 vectors, which 32-wide products need on 512-bit vectors, then 8 or 4
 * rows × 1 vector, then single rows) take the edges and a scalar loop the last columns, each element still summed in
 * p order with a fused multiply-add, so results equal {@link ScalarGemm}'s bit for bit. {@code multiplyTransposedB}
 * keeps 4×4 dot products as vector partial sums along n and reduces them once at the end; {@code multiplyGathered}
 * uses 4×3 and 8×1 tiles, and single rows of them, on B rows it looks up. Only {@link Kernels} refers to this class, and only after checking
 * that the {@code jdk.incubator.vector} module is present.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * 512-bit vectors come with 32 vector registers (AVX-512), room for the 4×4 tile's 16 accumulators and its
     * operands; narrower ones have 16 (AVX2), where that tile spills to the stack on every step of the k loop and
     * the 4×3 tile (12 accumulators, 3 B vectors, 1 broadcast) runs about twice as fast.
     */
    private static final boolean WIDE_REGISTER_FILE = SPECIES.vectorBitSize() >= 512;
    /** Rows of B per slice of k: 3 vectors of 8 floats × 256 rows is 24 KiB, 4 of 16 × 128 is 32 KiB: inside L1. */
    private static final int KC = WIDE_REGISTER_FILE ? 128 : 256;

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public int columnAlignment() {
        return LANES;
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, boolean accumulate) {
        if (!accumulate) {
            // Clearing first keeps the tiles free of a branch whose first change of direction would deoptimise them.
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
            }
        }
        // Slices of k keep the strip of B one column of tiles reads (KC rows × 3 vectors) in the L1 cache while
        // every row of A passes over it. Each element still sums its products in p order, slice after slice.
        for (int p = 0; p < k; p += KC) {
            panel(m, n, Math.min(KC, k - p), a, aOffset + p * aColStride, aRowStride, aColStride, b, bOffset + p * ldb,
                    ldb, c, cOffset, ldc);
        }
    }

    /** C += A·B for one slice of k. */
    private static void panel(int m, int n, int k, float[] a, int aOffset, int aRowStride, int aColStride,
                              float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc) {
        int j = 0;
        if (!WIDE_REGISTER_FILE) {
            for (; j + 3 * LANES <= n; j += 3 * LANES) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    tile4x3(k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset + j, ldb,
                            c, cOffset + i * ldc + j, ldc);
                }
                for (; i < m; i++) {
                    tile1x3(k, a, aOffset + i * aRowStride, aColStride, b, bOffset + j, ldb, c, cOffset + i * ldc + j);
                }
            }
        }
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x4(k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                tile1x4(k, a, aOffset + i * aRowStride, aColStride, b, bOffset + j, ldb, c, cOffset + i * ldc + j);
            }
        }
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x2(k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                tile1x1(k, a, aOffset + i * aRowStride, aColStride, b, bOffset + j, ldb, c, cOffset + i * ldc + j);
                tile1x1(k, a, aOffset + i * aRowStride, aColStride, b, bOffset + j + LANES, ldb, c,
                        cOffset + i * ldc + j + LANES);
            }
        }
        for (; j + LANES <= n; j += LANES) {
            int i = 0;
            // Eight accumulators where one vector column is left: four would wait on the FMA latency each step.
            for (; i + 8 <= m; i += 8) {
                tile8x1(k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc);
            }
            for (; i + 4 <= m; i += 4) {
                tile4x1(k, a, aOffset + i * aRowStride, aRowStride, aColStride, b, bOffset + j, ldb,
                        c, cOffset + i * ldc + j, ldc);
            }
            for (; i < m; i++) {
                tile1x1(k, a, aOffset + i * aRowStride, aColStride, b, bOffset + j, ldb, c, cOffset + i * ldc + j);
            }
        }
        if (j < n) {
            new ScalarGemm().multiply(m, n - j, k, a, aOffset, aRowStride, aColStride, b, bOffset + j, ldb,
                    c, cOffset + j, ldc, true);
        }
    }

    private static void tile4x3(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s11 = FloatVector.fromArray(SPECIES, c, c0 + ldc + LANES);
        FloatVector s12 = FloatVector.fromArray(SPECIES, c, c0 + ldc + 2 * LANES);
        FloatVector s20 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s21 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc + LANES);
        FloatVector s22 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc + 2 * LANES);
        FloatVector s30 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        FloatVector s31 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc + LANES);
        FloatVector s32 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc + 2 * LANES);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector b2v = FloatVector.fromArray(SPECIES, b, pb + 2 * LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s00 = av.fma(b0v, s00);
            s01 = av.fma(b1v, s01);
            s02 = av.fma(b2v, s02);
            av = FloatVector.broadcast(SPECIES, a[pa + ars]);
            s10 = av.fma(b0v, s10);
            s11 = av.fma(b1v, s11);
            s12 = av.fma(b2v, s12);
            av = FloatVector.broadcast(SPECIES, a[pa + 2 * ars]);
            s20 = av.fma(b0v, s20);
            s21 = av.fma(b1v, s21);
            s22 = av.fma(b2v, s22);
            av = FloatVector.broadcast(SPECIES, a[pa + 3 * ars]);
            s30 = av.fma(b0v, s30);
            s31 = av.fma(b1v, s31);
            s32 = av.fma(b2v, s32);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s02.intoArray(c, c0 + 2 * LANES);
        s10.intoArray(c, c0 + ldc);
        s11.intoArray(c, c0 + ldc + LANES);
        s12.intoArray(c, c0 + ldc + 2 * LANES);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c0 + 2 * ldc + LANES);
        s22.intoArray(c, c0 + 2 * ldc + 2 * LANES);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c0 + 3 * ldc + LANES);
        s32.intoArray(c, c0 + 3 * ldc + 2 * LANES);
    }

    private static void tile4x4(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        FloatVector s03 = FloatVector.fromArray(SPECIES, c, c0 + 3 * LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, c, c1);
        FloatVector s11 = FloatVector.fromArray(SPECIES, c, c1 + LANES);
        FloatVector s12 = FloatVector.fromArray(SPECIES, c, c1 + 2 * LANES);
        FloatVector s13 = FloatVector.fromArray(SPECIES, c, c1 + 3 * LANES);
        FloatVector s20 = FloatVector.fromArray(SPECIES, c, c2);
        FloatVector s21 = FloatVector.fromArray(SPECIES, c, c2 + LANES);
        FloatVector s22 = FloatVector.fromArray(SPECIES, c, c2 + 2 * LANES);
        FloatVector s23 = FloatVector.fromArray(SPECIES, c, c2 + 3 * LANES);
        FloatVector s30 = FloatVector.fromArray(SPECIES, c, c3);
        FloatVector s31 = FloatVector.fromArray(SPECIES, c, c3 + LANES);
        FloatVector s32 = FloatVector.fromArray(SPECIES, c, c3 + 2 * LANES);
        FloatVector s33 = FloatVector.fromArray(SPECIES, c, c3 + 3 * LANES);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector b2v = FloatVector.fromArray(SPECIES, b, pb + 2 * LANES);
            FloatVector b3v = FloatVector.fromArray(SPECIES, b, pb + 3 * LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s00 = av.fma(b0v, s00);
            s01 = av.fma(b1v, s01);
            s02 = av.fma(b2v, s02);
            s03 = av.fma(b3v, s03);
            av = FloatVector.broadcast(SPECIES, a[pa + ars]);
            s10 = av.fma(b0v, s10);
            s11 = av.fma(b1v, s11);
            s12 = av.fma(b2v, s12);
            s13 = av.fma(b3v, s13);
            av = FloatVector.broadcast(SPECIES, a[pa + 2 * ars]);
            s20 = av.fma(b0v, s20);
            s21 = av.fma(b1v, s21);
            s22 = av.fma(b2v, s22);
            s23 = av.fma(b3v, s23);
            av = FloatVector.broadcast(SPECIES, a[pa + 3 * ars]);
            s30 = av.fma(b0v, s30);
            s31 = av.fma(b1v, s31);
            s32 = av.fma(b2v, s32);
            s33 = av.fma(b3v, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s02.intoArray(c, c0 + 2 * LANES);
        s03.intoArray(c, c0 + 3 * LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s12.intoArray(c, c1 + 2 * LANES);
        s13.intoArray(c, c1 + 3 * LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s22.intoArray(c, c2 + 2 * LANES);
        s23.intoArray(c, c2 + 3 * LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
        s32.intoArray(c, c3 + 2 * LANES);
        s33.intoArray(c, c3 + 3 * LANES);
    }

    private static void tile1x4(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * LANES);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s0 = av.fma(FloatVector.fromArray(SPECIES, b, pb), s0);
            s1 = av.fma(FloatVector.fromArray(SPECIES, b, pb + LANES), s1);
            s2 = av.fma(FloatVector.fromArray(SPECIES, b, pb + 2 * LANES), s2);
            s3 = av.fma(FloatVector.fromArray(SPECIES, b, pb + 3 * LANES), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
        s2.intoArray(c, c0 + 2 * LANES);
        s3.intoArray(c, c0 + 3 * LANES);
    }

    /** One row × 3 vectors: three independent accumulators hide the fused multiply-add's latency. */
    private static void tile1x3(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s0 = av.fma(FloatVector.fromArray(SPECIES, b, pb), s0);
            s1 = av.fma(FloatVector.fromArray(SPECIES, b, pb + LANES), s1);
            s2 = av.fma(FloatVector.fromArray(SPECIES, b, pb + 2 * LANES), s2);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
        s2.intoArray(c, c0 + 2 * LANES);
    }

    private static void tile4x2(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s11 = FloatVector.fromArray(SPECIES, c, c0 + ldc + LANES);
        FloatVector s20 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s21 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc + LANES);
        FloatVector s30 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        FloatVector s31 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc + LANES);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s00 = av.fma(b0v, s00);
            s01 = av.fma(b1v, s01);
            av = FloatVector.broadcast(SPECIES, a[pa + ars]);
            s10 = av.fma(b0v, s10);
            s11 = av.fma(b1v, s11);
            av = FloatVector.broadcast(SPECIES, a[pa + 2 * ars]);
            s20 = av.fma(b0v, s20);
            s21 = av.fma(b1v, s21);
            av = FloatVector.broadcast(SPECIES, a[pa + 3 * ars]);
            s30 = av.fma(b0v, s30);
            s31 = av.fma(b1v, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s10.intoArray(c, c0 + ldc);
        s11.intoArray(c, c0 + ldc + LANES);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c0 + 2 * ldc + LANES);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c0 + 3 * ldc + LANES);
    }

    private static void tile8x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        FloatVector s4 = FloatVector.fromArray(SPECIES, c, c0 + 4 * ldc);
        FloatVector s5 = FloatVector.fromArray(SPECIES, c, c0 + 5 * ldc);
        FloatVector s6 = FloatVector.fromArray(SPECIES, c, c0 + 6 * ldc);
        FloatVector s7 = FloatVector.fromArray(SPECIES, c, c0 + 7 * ldc);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, pb);
            s0 = FloatVector.broadcast(SPECIES, a[pa]).fma(bv, s0);
            s1 = FloatVector.broadcast(SPECIES, a[pa + ars]).fma(bv, s1);
            s2 = FloatVector.broadcast(SPECIES, a[pa + 2 * ars]).fma(bv, s2);
            s3 = FloatVector.broadcast(SPECIES, a[pa + 3 * ars]).fma(bv, s3);
            s4 = FloatVector.broadcast(SPECIES, a[pa + 4 * ars]).fma(bv, s4);
            s5 = FloatVector.broadcast(SPECIES, a[pa + 5 * ars]).fma(bv, s5);
            s6 = FloatVector.broadcast(SPECIES, a[pa + 6 * ars]).fma(bv, s6);
            s7 = FloatVector.broadcast(SPECIES, a[pa + 7 * ars]).fma(bv, s7);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + ldc);
        s2.intoArray(c, c0 + 2 * ldc);
        s3.intoArray(c, c0 + 3 * ldc);
        s4.intoArray(c, c0 + 4 * ldc);
        s5.intoArray(c, c0 + 5 * ldc);
        s6.intoArray(c, c0 + 6 * ldc);
        s7.intoArray(c, c0 + 7 * ldc);
    }

    private static void tile4x1(int k, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                                float[] c, int c0, int ldc) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, pb);
            s0 = FloatVector.broadcast(SPECIES, a[pa]).fma(bv, s0);
            s1 = FloatVector.broadcast(SPECIES, a[pa + ars]).fma(bv, s1);
            s2 = FloatVector.broadcast(SPECIES, a[pa + 2 * ars]).fma(bv, s2);
            s3 = FloatVector.broadcast(SPECIES, a[pa + 3 * ars]).fma(bv, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + ldc);
        s2.intoArray(c, c0 + 2 * ldc);
        s3.intoArray(c, c0 + 3 * ldc);
    }

    private static void tile1x1(int k, float[] a, int a0, int acs, float[] b, int b0, int ldb, float[] c, int c0) {
        FloatVector s = FloatVector.fromArray(SPECIES, c, c0);
        int pa = a0;
        int pb = b0;
        for (int p = 0; p < k; p++, pa += acs, pb += ldb) {
            s = FloatVector.broadcast(SPECIES, a[pa]).fma(FloatVector.fromArray(SPECIES, b, pb), s);
        }
        s.intoArray(c, c0);
    }

    @Override
    public void multiplyGathered(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int[] bRows,
                                 int bColumn, float[] c, int cOffset, int ldc) {
        // Slices of k as in multiply; 4×3 tiles where they fit, 8×1 on a last few vectors (the caller pads n to
        // whole vectors), single-row tiles on the rows left over (a one-channel output layer has only those), the
        // scalar reference on the last columns, each element still summed in p order.
        int rowsInTiles = m / 4 * 4;
        int columnsInTiles = n / (3 * LANES) * (3 * LANES);
        int rowsInNarrowTiles = m / 8 * 8;
        int columnsInNarrowTiles = n / LANES * LANES;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            for (int j = 0; j < columnsInTiles; j += 3 * LANES) {
                for (int i = 0; i < rowsInTiles; i += 4) {
                    gatheredTile4x3(p0, p1, a, aOffset + i * lda, lda, b, bRows, bColumn + j, c,
                            cOffset + i * ldc + j, ldc);
                }
                for (int i = rowsInTiles; i < m; i++) {
                    gatheredTile1x3(p0, p1, a, aOffset + i * lda, b, bRows, bColumn + j, c, cOffset + i * ldc + j);
                }
            }
            for (int j = columnsInTiles; j < columnsInNarrowTiles; j += LANES) {
                for (int i = 0; i < rowsInNarrowTiles; i += 8) {
                    gatheredTile8x1(p0, p1, a, aOffset + i * lda, lda, b, bRows, bColumn + j, c,
                            cOffset + i * ldc + j, ldc);
                }
                for (int i = rowsInNarrowTiles; i < m; i++) {
                    gatheredTile1x1(p0, p1, a, aOffset + i * lda, b, bRows, bColumn + j, c, cOffset + i * ldc + j);
                }
            }
            ScalarGemm.gathered(0, m, columnsInNarrowTiles, n, p0, p1, a, aOffset, lda, b, bRows, bColumn, c,
                    cOffset, ldc);
        }
    }

    /** One row of {@link #gatheredTile4x3}: three accumulators, the most one row's broadcast can feed. */
    private static void gatheredTile1x3(int p0, int p1, float[] a, int a0, float[] b, int[] bRows, int column,
                                        float[] c, int c0) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        for (int p = p0; p < p1; p++) {
            int pb = bRows[p] + column;
            FloatVector av = FloatVector.broadcast(SPECIES, a[a0 + p]);
            s0 = av.fma(FloatVector.fromArray(SPECIES, b, pb), s0);
            s1 = av.fma(FloatVector.fromArray(SPECIES, b, pb + LANES), s1);
            s2 = av.fma(FloatVector.fromArray(SPECIES, b, pb + 2 * LANES), s2);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + LANES);
        s2.intoArray(c, c0 + 2 * LANES);
    }

    /** One row of {@link #gatheredTile8x1}. */
    private static void gatheredTile1x1(int p0, int p1, float[] a, int a0, float[] b, int[] bRows, int column,
                                        float[] c, int c0) {
        FloatVector s = FloatVector.fromArray(SPECIES, c, c0);
        for (int p = p0; p < p1; p++) {
            s = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(FloatVector.fromArray(SPECIES, b, bRows[p] + column), s);
        }
        s.intoArray(c, c0);
    }

    /** {@link #tile4x3} with A's rows contiguous and B's row p at {@code bRows[p] + column}. */
    private static void gatheredTile4x3(int p0, int p1, float[] a, int a0, int lda, float[] b, int[] bRows,
                                        int column, float[] c, int c0, int ldc) {
        FloatVector s00 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s01 = FloatVector.fromArray(SPECIES, c, c0 + LANES);
        FloatVector s02 = FloatVector.fromArray(SPECIES, c, c0 + 2 * LANES);
        FloatVector s10 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s11 = FloatVector.fromArray(SPECIES, c, c0 + ldc + LANES);
        FloatVector s12 = FloatVector.fromArray(SPECIES, c, c0 + ldc + 2 * LANES);
        FloatVector s20 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s21 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc + LANES);
        FloatVector s22 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc + 2 * LANES);
        FloatVector s30 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        FloatVector s31 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc + LANES);
        FloatVector s32 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc + 2 * LANES);
        for (int p = p0; p < p1; p++) {
            int pb = bRows[p] + column;
            int pa = a0 + p;
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, pb);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, pb + LANES);
            FloatVector b2v = FloatVector.fromArray(SPECIES, b, pb + 2 * LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, a[pa]);
            s00 = av.fma(b0v, s00);
            s01 = av.fma(b1v, s01);
            s02 = av.fma(b2v, s02);
            av = FloatVector.broadcast(SPECIES, a[pa + lda]);
            s10 = av.fma(b0v, s10);
            s11 = av.fma(b1v, s11);
            s12 = av.fma(b2v, s12);
            av = FloatVector.broadcast(SPECIES, a[pa + 2 * lda]);
            s20 = av.fma(b0v, s20);
            s21 = av.fma(b1v, s21);
            s22 = av.fma(b2v, s22);
            av = FloatVector.broadcast(SPECIES, a[pa + 3 * lda]);
            s30 = av.fma(b0v, s30);
            s31 = av.fma(b1v, s31);
            s32 = av.fma(b2v, s32);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + LANES);
        s02.intoArray(c, c0 + 2 * LANES);
        s10.intoArray(c, c0 + ldc);
        s11.intoArray(c, c0 + ldc + LANES);
        s12.intoArray(c, c0 + ldc + 2 * LANES);
        s20.intoArray(c, c0 + 2 * ldc);
        s21.intoArray(c, c0 + 2 * ldc + LANES);
        s22.intoArray(c, c0 + 2 * ldc + 2 * LANES);
        s30.intoArray(c, c0 + 3 * ldc);
        s31.intoArray(c, c0 + 3 * ldc + LANES);
        s32.intoArray(c, c0 + 3 * ldc + 2 * LANES);
    }

    /** {@link #tile8x1} with A's rows contiguous and B's row p at {@code bRows[p] + column}. */
    private static void gatheredTile8x1(int p0, int p1, float[] a, int a0, int lda, float[] b, int[] bRows,
                                        int column, float[] c, int c0, int ldc) {
        FloatVector s0 = FloatVector.fromArray(SPECIES, c, c0);
        FloatVector s1 = FloatVector.fromArray(SPECIES, c, c0 + ldc);
        FloatVector s2 = FloatVector.fromArray(SPECIES, c, c0 + 2 * ldc);
        FloatVector s3 = FloatVector.fromArray(SPECIES, c, c0 + 3 * ldc);
        FloatVector s4 = FloatVector.fromArray(SPECIES, c, c0 + 4 * ldc);
        FloatVector s5 = FloatVector.fromArray(SPECIES, c, c0 + 5 * ldc);
        FloatVector s6 = FloatVector.fromArray(SPECIES, c, c0 + 6 * ldc);
        FloatVector s7 = FloatVector.fromArray(SPECIES, c, c0 + 7 * ldc);
        for (int p = p0; p < p1; p++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, bRows[p] + column);
            int pa = a0 + p;
            s0 = FloatVector.broadcast(SPECIES, a[pa]).fma(bv, s0);
            s1 = FloatVector.broadcast(SPECIES, a[pa + lda]).fma(bv, s1);
            s2 = FloatVector.broadcast(SPECIES, a[pa + 2 * lda]).fma(bv, s2);
            s3 = FloatVector.broadcast(SPECIES, a[pa + 3 * lda]).fma(bv, s3);
            s4 = FloatVector.broadcast(SPECIES, a[pa + 4 * lda]).fma(bv, s4);
            s5 = FloatVector.broadcast(SPECIES, a[pa + 5 * lda]).fma(bv, s5);
            s6 = FloatVector.broadcast(SPECIES, a[pa + 6 * lda]).fma(bv, s6);
            s7 = FloatVector.broadcast(SPECIES, a[pa + 7 * lda]).fma(bv, s7);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + ldc);
        s2.intoArray(c, c0 + 2 * ldc);
        s3.intoArray(c, c0 + 3 * ldc);
        s4.intoArray(c, c0 + 4 * ldc);
        s5.intoArray(c, c0 + 5 * ldc);
        s6.intoArray(c, c0 + 6 * ldc);
        s7.intoArray(c, c0 + 7 * ldc);
    }

    @Override
    public void multiplyTransposedB(int m, int q, int n, float[] a, int aOffset, int lda, float[] b, int bOffset,
                                    int ldb, float[] c, int cOffset, int ldc) {
        int vectorEnd = n - n % LANES;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r = 0;
            for (; r + 4 <= q; r += 4) {
                dots4x4(vectorEnd, a, aOffset + i * lda, lda, b, bOffset + r * ldb, ldb, c, cOffset + i * ldc + r,
                        ldc);
            }
            for (; r < q; r++) {
                for (int ii = i; ii < i + 4; ii++) {
                    c[cOffset + ii * ldc + r] += dot(vectorEnd, a, aOffset + ii * lda, b, bOffset + r * ldb);
                }
            }
        }
        for (; i < m; i++) {
            for (int r = 0; r < q; r++) {
                c[cOffset + i * ldc + r] += dot(vectorEnd, a, aOffset + i * lda, b, bOffset + r * ldb);
            }
        }
        if (vectorEnd < n) {
            new ScalarGemm().multiplyTransposedB(m, q, n - vectorEnd, a, aOffset + vectorEnd, lda, b,
                    bOffset + vectorEnd, ldb, c, cOffset, ldc);
        }
    }

    private static float dot(int n, float[] a, int a0, float[] b, int b0) {
        FloatVector s = FloatVector.zero(SPECIES);
        for (int j = 0; j < n; j += LANES) {
            s = FloatVector.fromArray(SPECIES, a, a0 + j).fma(FloatVector.fromArray(SPECIES, b, b0 + j), s);
        }
        return s.reduceLanes(VectorOperators.ADD);
    }

    private static void dots4x4(int n, float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0,
                                int ldc) {
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s22 = s00;
        FloatVector s23 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s32 = s00;
        FloatVector s33 = s00;
        for (int j = 0; j < n; j += LANES) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, b0 + j);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, b0 + ldb + j);
            FloatVector b2v = FloatVector.fromArray(SPECIES, b, b0 + 2 * ldb + j);
            FloatVector b3v = FloatVector.fromArray(SPECIES, b, b0 + 3 * ldb + j);
            FloatVector av = FloatVector.fromArray(SPECIES, a, a0 + j);
            s00 = av.fma(b0v, s00);
            s01 = av.fma(b1v, s01);
            s02 = av.fma(b2v, s02);
            s03 = av.fma(b3v, s03);
            av = FloatVector.fromArray(SPECIES, a, a0 + lda + j);
            s10 = av.fma(b0v, s10);
            s11 = av.fma(b1v, s11);
            s12 = av.fma(b2v, s12);
            s13 = av.fma(b3v, s13);
            av = FloatVector.fromArray(SPECIES, a, a0 + 2 * lda + j);
            s20 = av.fma(b0v, s20);
            s21 = av.fma(b1v, s21);
            s22 = av.fma(b2v, s22);
            s23 = av.fma(b3v, s23);
            av = FloatVector.fromArray(SPECIES, a, a0 + 3 * lda + j);
            s30 = av.fma(b0v, s30);
            s31 = av.fma(b1v, s31);
            s32 = av.fma(b2v, s32);
            s33 = av.fma(b3v, s33);
        }
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        c[c0] += s00.reduceLanes(VectorOperators.ADD);
        c[c0 + 1] += s01.reduceLanes(VectorOperators.ADD);
        c[c0 + 2] += s02.reduceLanes(VectorOperators.ADD);
        c[c0 + 3] += s03.reduceLanes(VectorOperators.ADD);
        c[c1] += s10.reduceLanes(VectorOperators.ADD);
        c[c1 + 1] += s11.reduceLanes(VectorOperators.ADD);
        c[c1 + 2] += s12.reduceLanes(VectorOperators.ADD);
        c[c1 + 3] += s13.reduceLanes(VectorOperators.ADD);
        c[c2] += s20.reduceLanes(VectorOperators.ADD);
        c[c2 + 1] += s21.reduceLanes(VectorOperators.ADD);
        c[c2 + 2] += s22.reduceLanes(VectorOperators.ADD);
        c[c2 + 3] += s23.reduceLanes(VectorOperators.ADD);
        c[c3] += s30.reduceLanes(VectorOperators.ADD);
        c[c3 + 1] += s31.reduceLanes(VectorOperators.ADD);
        c[c3 + 2] += s32.reduceLanes(VectorOperators.ADD);
        c[c3 + 3] += s33.reduceLanes(VectorOperators.ADD);
    }
}

package org.spinnoise.diffusion.quality;

import java.util.stream.IntStream;

/**
 * The kernel of the Kernel Inception Distance, k(x, y) = (x·y / d + 1)³ over d-dimensional feature vectors
 * (Bińkowski, Sutherland, Arbel and Gretton, "Demystifying MMD GANs", ICLR 2018, section 4), and the block sums the
 * unbiased MMD² estimates are built from. Feature vectors are stored one after another in a float array; dot products
 * run in float with four accumulators, kernel values and every sum of them in double. Blocks of rows run on the
 * common fork-join pool, so a large block uses every core.
 */
final class CubicKernel {
    private static final int ROWS_PER_TASK = 64;

    private CubicKernel() {
    }

    /** k between vector {@code i} of {@code a} and vector {@code j} of {@code b}, both of {@code dims} values. */
    static double value(float[] a, int i, float[] b, int j, int dims) {
        int ai = i * dims;
        int bj = j * dims;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < dims; k += 4) {
            s0 += a[ai + k] * b[bj + k];
            s1 += a[ai + k + 1] * b[bj + k + 1];
            s2 += a[ai + k + 2] * b[bj + k + 2];
            s3 += a[ai + k + 3] * b[bj + k + 3];
        }
        for (; k < dims; k++) {
            s0 += a[ai + k] * b[bj + k];
        }
        double t = ((double) s0 + s1 + s2 + s3) / dims + 1;
        return t * t * t;
    }

    /**
     * Adds Σ_j k(a_i, b_j) to {@code rowSums[i - aFrom]} and Σ_i k(a_i, b_j) to {@code colSums[j - bFrom]} over the
     * block, without keeping it: each task sums its own columns and merges them at the end.
     */
    static void blockSums(float[] a, int aFrom, int aTo, float[] b, int bFrom, int bTo, int dims, double[] rowSums,
                          double[] colSums) {
        int tasks = (aTo - aFrom + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            double[] columns = new double[bTo - bFrom];
            int end = Math.min(aTo, aFrom + (t + 1) * ROWS_PER_TASK);
            for (int i = aFrom + t * ROWS_PER_TASK; i < end; i++) {
                double s = 0;
                for (int j = bFrom; j < bTo; j++) {
                    double v = value(a, i, b, j, dims);
                    s += v;
                    columns[j - bFrom] += v;
                }
                rowSums[i - aFrom] += s;
            }
            synchronized (colSums) {
                for (int j = 0; j < columns.length; j++) {
                    colSums[j] += columns[j];
                }
            }
        });
    }

    /**
     * Σ_{j ≠ i} k(a_i, a_j) for each of the {@code count} vectors of {@code a}, from the lower triangle only (half
     * the kernel evaluations of the square): each task adds its pairs to its own copy of the sums, merged at the end.
     */
    static double[] symmetricRowSums(float[] a, int count, int dims) {
        double[] sums = new double[count];
        int tasks = (count + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            double[] local = new double[count];
            int end = Math.min(count, (t + 1) * ROWS_PER_TASK);
            for (int i = t * ROWS_PER_TASK; i < end; i++) {
                double s = 0;
                for (int j = 0; j < i; j++) {
                    double v = value(a, i, a, j, dims);
                    s += v;
                    local[j] += v;
                }
                local[i] += s;
            }
            synchronized (sums) {
                for (int j = 0; j < count; j++) {
                    sums[j] += local[j];
                }
            }
        });
        return sums;
    }

    /**
     * The unbiased MMD² between {@code m} vectors {@code x} and {@code n} vectors {@code y} by the direct double loops
     * of its definition: mean of k(x_i, x_j) over i ≠ j, plus the same for y, minus twice the mean of k(x_i, y_j).
     * O((m + n)² d): the check of the fast paths, and fine for small sets.
     */
    static double unbiasedMmdSquared(float[] x, int m, float[] y, int n, int dims) {
        double xx = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += value(x, i, x, j, dims);
                }
            }
        }
        double yy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    yy += value(y, i, y, j, dims);
                }
            }
        }
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                xy += value(x, i, y, j, dims);
            }
        }
        return xx / ((double) m * (m - 1)) + yy / ((double) n * (n - 1)) - 2 * xy / ((double) m * n);
    }
}

package org.spinnoise.diffusion.quality;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane rotations zero each
 * off-diagonal entry in turn, sweep after sweep, until the off-diagonal mass is negligible beside the diagonal. Slower
 * than tridiagonal QR for large n but simple, and accurate to the last digits for the feature dimensions (≤ a few
 * hundred) the Fréchet distance needs. The rotation formulas follow Rutishauser's stable form (as in Numerical Recipes).
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code matrix} (square, symmetric within rounding; only read, never changed). */
    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("eigendecomposition needs a square matrix, row " + i + " has "
                        + matrix[i].length + " entries, not " + n);
            }
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off == 0 || off <= 1e-30 * diagonal) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new SymmetricEigen(values, v);
    }

    /** Zeroes a[p][q] with one rotation, applied to both sides of a and accumulated into v's columns. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    /** The eigenvalues, in no particular order; {@code vector(i)} belongs to {@code values()[i]}. */
    public double[] values() {
        return values.clone();
    }

    /** The unit eigenvector of eigenvalue {@code i}. */
    public double[] vector(int i) {
        double[] out = new double[vectors.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = vectors[k][i];
        }
        return out;
    }

    /**
     * V f(Λ) Vᵀ for f = √ of each eigenvalue, with eigenvalues below zero (rounding of a positive semi-definite
     * matrix) taken as zero: the symmetric square root.
     */
    public double[][] sqrtMatrix() {
        int n = values.length;
        double[] roots = new double[n];
        for (int i = 0; i < n; i++) {
            roots[i] = Math.sqrt(Math.max(0.0, values[i]));
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += vectors[i][k] * roots[k] * vectors[j][k];
                }
                out[i][j] = sum;
                out[j][i] = sum;
            }
        }
        return out;
    }
}

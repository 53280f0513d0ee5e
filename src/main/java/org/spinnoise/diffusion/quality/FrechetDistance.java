package org.spinnoise.diffusion.quality;

/**
 * The squared Fréchet (2-Wasserstein) distance between two Gaussians, the statistic behind FID:
 * d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁ Σ₂)^½. The last trace is computed from symmetric matrices only, as
 * tr (Σ₁^½ Σ₂ Σ₁^½)^½ (the same eigenvalues as (Σ₁Σ₂)^½), with both square roots from a {@link SymmetricEigen}
 * decomposition, so no complex values or iterative non-symmetric square root are needed.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** d² between the two fits; never negative (rounding below zero is reported as zero). */
    public static double squared(GaussianFit a, GaussianFit b) {
        if (a.dims() != b.dims()) {
            throw new IllegalArgumentException("Fréchet distance between fits of " + a.dims() + " and " + b.dims()
                    + " dimensions: the features must come from the same extractor");
        }
        double[] ma = a.mean();
        double[] mb = b.mean();
        double meanTerm = 0;
        for (int i = 0; i < ma.length; i++) {
            double d = ma[i] - mb[i];
            meanTerm += d * d;
        }
        double[][] sa = a.covariance();
        double[][] sb = b.covariance();
        double trace = 0;
        for (int i = 0; i < sa.length; i++) {
            trace += sa[i][i] + sb[i][i];
        }
        double[][] rootA = SymmetricEigen.of(sa).sqrtMatrix();
        double[][] m = multiply(multiply(rootA, sb), rootA);
        symmetrise(m);
        double traceRoot = 0;
        for (double lambda : SymmetricEigen.of(m).values()) {
            traceRoot += Math.sqrt(Math.max(0.0, lambda));
        }
        return Math.max(0.0, meanTerm + trace - 2 * traceRoot);
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int inner = y.length;
        int cols = y[0].length;
        double[][] out = new double[n][cols];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                double xik = x[i][k];
                double[] yk = y[k];
                double[] row = out[i];
                for (int j = 0; j < cols; j++) {
                    row[j] += xik * yk[j];
                }
            }
        }
        return out;
    }

    private static void symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double avg = 0.5 * (m[i][j] + m[j][i]);
                m[i][j] = avg;
                m[j][i] = avg;
            }
        }
    }
}

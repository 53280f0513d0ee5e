package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static GaussianFit fit(double[] mean, double[][] cov) {
        return new GaussianFit(mean, cov, 100);
    }

    @Test
    void oneDimensionalDistanceIsMeanGapSquaredPlusStdGapSquared() {
        GaussianFit a = fit(new double[] {1.0}, new double[][] {{4.0}});
        GaussianFit b = fit(new double[] {-0.5}, new double[][] {{0.25}});
        assertEquals(1.5 * 1.5 + (2.0 - 0.5) * (2.0 - 0.5), FrechetDistance.squared(a, b), 1e-12);
        assertEquals(0.0, FrechetDistance.squared(a, a), 1e-12);
    }

    @Test
    void nonCommutingTwoByTwoCovariancesMatchTheClosedFormTraceOfTheRoot() {
        // For 2×2 M = Σ₁Σ₂ with positive eigenvalues, (tr M^½)² = tr M + 2 √det M.
        double[][] s1 = {{2.0, 0.7}, {0.7, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double[][] m = FrechetDistance.multiply(s1, s2);
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double traceRoot = Math.sqrt(m[0][0] + m[1][1] + 2 * Math.sqrt(det));
        double[] mu1 = {0.3, -1.0};
        double[] mu2 = {1.3, 0.5};
        double expected = 1.0 + 2.25 + (3.0 + 2.0) - 2 * traceRoot;
        assertEquals(expected, FrechetDistance.squared(fit(mu1, s1), fit(mu2, s2)), 1e-12);
        assertEquals(expected, FrechetDistance.squared(fit(mu2, s2), fit(mu1, s1)), 1e-12);
    }

    @Test
    void fitsFromSamplesRecoverTheirMomentsAndGrowApartWithAShift() {
        int dims = 6;
        int count = 20_000;
        SplittableRandom random = new SplittableRandom(8);
        float[] a = new float[count * dims];
        float[] b = new float[count * dims];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        GaussianFit fa = GaussianFit.of(a, count, dims);
        for (int i = 0; i < dims; i++) {
            assertEquals(0.0, fa.mean()[i], 0.03);
            assertEquals(1.0, fa.covariance()[i][i], 0.05);
        }
        double same = FrechetDistance.squared(fa, GaussianFit.of(b, count, dims));
        for (int n = 0; n < count; n++) {
            b[n * dims] += 0.5f;
        }
        double shifted = FrechetDistance.squared(fa, GaussianFit.of(b, count, dims));
        assertTrue(same < 0.01, "two draws of one Gaussian: " + same);
        assertEquals(0.25, shifted, 0.03);
    }

    @Test
    void unbiasedCovarianceOfAKnownSet() {
        float[] points = {1, 2, 3, 6, 5, 10};
        GaussianFit f = GaussianFit.of(points, 3, 2);
        assertArrayEquals(new double[] {3, 6}, f.mean(), 1e-12);
        assertArrayEquals(new double[] {4, 8}, f.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {8, 16}, f.covariance()[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GaussianFit.of(points, 1, 2));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.squared(f, fit(new double[] {0}, new double[][] {{1}})));
    }
}

package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    @Test
    void twoByTwoHasEigenvaluesOneAndThreeOnTheDiagonals() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {1, 3}, sorted(e.values()), 1e-14);
        for (int i = 0; i < 2; i++) {
            double[] v = e.vector(i);
            assertEquals(1.0, Math.abs(v[0]) * Math.sqrt(2), 1e-14);
            assertEquals(e.values()[i] > 2 ? v[0] : -v[0], v[1], 1e-14);
        }
    }

    @Test
    void secondDifferenceMatrixHasItsClosedFormEigenvalues() {
        // tridiag(-1, 2, -1) of size n has eigenvalues 2 − 2 cos(kπ/(n+1)), k = 1 … n.
        int n = 12;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 2;
            if (i + 1 < n) {
                m[i][i + 1] = -1;
                m[i + 1][i] = -1;
            }
        }
        double[] expected = new double[n];
        for (int k = 1; k <= n; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (n + 1));
        }
        assertArrayEquals(sorted(expected), sorted(SymmetricEigen.of(m).values()), 1e-12);
    }

    @Test
    void randomSymmetricMatrixIsReconstructedFromOrthonormalEigenvectors() {
        int n = 40;
        SplittableRandom random = new SplittableRandom(3);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                m[i][j] = random.nextDouble(-1, 1);
                m[j][i] = m[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(m);
        double[] values = e.values();
        for (int i = 0; i < n; i++) {
            double[] vi = e.vector(i);
            for (int r = 0; r < n; r++) {
                double mv = 0;
                for (int k = 0; k < n; k++) {
                    mv += m[r][k] * vi[k];
                }
                assertEquals(values[i] * vi[r], mv, 1e-11, "M v = λ v, eigenpair " + i);
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double[] vj = e.vector(j);
                for (int k = 0; k < n; k++) {
                    dot += vi[k] * vj[k];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += m[i][i];
        }
        assertEquals(trace, Arrays.stream(values).sum(), 1e-11);
    }

    @Test
    void theSquareRootOfAPositiveDefiniteMatrixSquaresBackToIt() {
        double[][] m = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        double[][] root = SymmetricEigen.of(m).sqrtMatrix();
        double[][] square = FrechetDistance.multiply(root, root);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(m[i], square[i], 1e-12);
        }
        double[][] diagonal = SymmetricEigen.of(new double[][] {{9, 0}, {0, 16}}).sqrtMatrix();
        assertArrayEquals(new double[] {3, 0}, diagonal[0], 0);
        assertArrayEquals(new double[] {0, 4}, diagonal[1], 0);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}}));
    }
}

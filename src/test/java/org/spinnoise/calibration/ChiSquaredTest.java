package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChiSquaredTest {

    @Test
    void twoDegreesOfFreedomIsAnExponential() {
        for (double x : new double[] {0.1, 1, 2.5, 10, 40}) {
            assertEquals(Math.exp(-x / 2), ChiSquared.upperTail(x, 2), 1e-14 * Math.max(1, Math.exp(-x / 2)) + 1e-300);
        }
    }

    @Test
    void textbookCriticalValues() {
        // 95 % quantiles: 3.841459 (1 dof), 11.070498 (5 dof), 42.556968 (29 dof).
        assertEquals(0.05, ChiSquared.upperTail(3.841459, 1), 1e-7);
        assertEquals(0.05, ChiSquared.upperTail(11.070498, 5), 1e-7);
        assertEquals(0.05, ChiSquared.upperTail(42.556968, 29), 1e-7);
    }

    @Test
    void logGammaOfIntegersAndHalf() {
        assertEquals(Math.log(24), ChiSquared.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), ChiSquared.logGamma(0.5), 1e-13);
    }
}

package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The amplitude for a target probability and the predicted error of the probability there, checked by Monte Carlo. */
class OperatingPointSolverTest {
    private static final double V50 = 0.505;
    private static final double DELTA = 0.015;

    private static double truth(double v) {
        return 1 / (1 + Math.exp(-(v - V50) / DELTA));
    }

    @Test
    void thePredictedIntervalOfTheProbabilityCoversTheTruthAtItsNominalRate() throws Exception {
        for (double target : new double[] {0.5, 0.2}) {
            int seeds = 400;
            int covered = 0;
            double sumSquares = 0;
            double sumPredictedVariance = 0;
            for (int seed = 0; seed < seeds; seed++) {
                SigmoidFitResult fit = SigmoidFit.fit(SyntheticSweep.draw(V50, DELTA, 0.46, 0.55, 10, 80,
                        new SplittableRandom(seed)));
                OperatingPointSolver.Estimate e = OperatingPointSolver.solve(fit, target, 1.5);
                double p = truth(e.amplitudeVolts());
                covered += e.probabilityCiLow() <= p && p <= e.probabilityCiHigh() ? 1 : 0;
                sumSquares += (p - target) * (p - target);
                sumPredictedVariance += e.probabilityStdErr() * e.probabilityStdErr();
            }
            double rate = (double) covered / seeds;
            assertTrue(rate >= 0.915 && rate <= 0.985, "p = " + target + ": coverage " + rate);
            // The predicted error is the real spread of p at the chosen amplitude, within 25 %.
            assertEquals(1, Math.sqrt(sumSquares / sumPredictedVariance), 0.25, "p = " + target);
        }
    }

    @Test
    void oneHalfIsV50AndOtherProbabilitiesFollowTheCurve() throws Exception {
        SigmoidFitResult fit = new SigmoidFitResult(0.505, 0.015, 0.001, 0.001, 5, 8, 4, 1e-7);
        assertEquals(0.505, OperatingPointSolver.fair(fit, 1.5).amplitudeVolts(), 1e-12);
        OperatingPointSolver.Estimate e = OperatingPointSolver.solve(fit, 0.8, 1.5);
        assertEquals(0.8, fit.probabilityAt(e.amplitudeVolts()), 1e-12);
        assertTrue(e.amplitudeStdErrVolts() > 0.001, "ΔV's error adds away from V50");
    }

    @Test
    void anAmplitudeAboveTheHardLimitIsRefused() {
        SigmoidFitResult fit = new SigmoidFitResult(0.505, 0.015, 0.001, 0.001, 5, 8, 4, 0);
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> OperatingPointSolver.solve(fit, 0.999999, 0.6));
        assertTrue(e.getMessage().contains("hard limit"), e.getMessage());
    }
}

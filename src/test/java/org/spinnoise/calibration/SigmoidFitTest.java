package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SigmoidFitTest {

    private static final double V50_VOLTS = 0.62;
    private static final double DELTA_VOLTS = 0.015;

    @Test
    void recoversKnownV50AndWidthWithinThreeStandardErrors() {
        List<SwitchingPoint> points = SyntheticSweep.draw(V50_VOLTS, DELTA_VOLTS, 0.55, 0.70, 31, 2_000, new SplittableRandom(7));
        SigmoidFitResult fit = new SwitchingCurve(50e-9, points).fit();

        assertEquals(V50_VOLTS, fit.v50Volts(), 3 * fit.v50StdErrVolts());
        assertEquals(DELTA_VOLTS, fit.deltaVolts(), 3 * fit.deltaStdErrVolts());
        // Expected sizes of the errors for 31 × 2000 pulses: about a tenth of a millivolt, not zero, not volts.
        assertTrue(fit.v50StdErrVolts() > 2e-5 && fit.v50StdErrVolts() < 1e-3, "SE(V50) = " + fit.v50StdErrVolts());
        assertTrue(fit.deltaStdErrVolts() > 2e-5 && fit.deltaStdErrVolts() < 1e-3, "SE(ΔV) = " + fit.deltaStdErrVolts());
        assertEquals(29, fit.degreesOfFreedom());
        assertTrue(fit.iterations() >= 1 && fit.iterations() < 20, "iterations " + fit.iterations());
        // A correct model gives an unremarkable deviance (mean 29, sd ~7.6).
        assertTrue(fit.goodnessOfFitPValue() > 0.001, "p = " + fit.goodnessOfFitPValue());
    }

    @Test
    void standardErrorsCoverTheTruthAtTheNominalRate() {
        SplittableRandom random = new SplittableRandom(2024);
        int experiments = 200;
        int v50Covered = 0;
        int deltaCovered = 0;
        for (int e = 0; e < experiments; e++) {
            SigmoidFitResult fit = SigmoidFit.fit(SyntheticSweep.draw(V50_VOLTS, DELTA_VOLTS, 0.55, 0.70, 31, 2_000, random));
            v50Covered += Math.abs(fit.v50Volts() - V50_VOLTS) < 1.96 * fit.v50StdErrVolts() ? 1 : 0;
            deltaCovered += Math.abs(fit.deltaVolts() - DELTA_VOLTS) < 1.96 * fit.deltaStdErrVolts() ? 1 : 0;
        }
        // Coverage is Binomial(200, 0.95) if the errors are honest: sd = 1.54 %; allow 3.5 sd either way. Errors
        // that were half as large would cover ~67 %, twice as large ~99.99 %: both fail.
        double tolerance = 3.5 * Math.sqrt(0.95 * 0.05 / experiments);
        assertEquals(0.95, (double) v50Covered / experiments, tolerance, "V50 coverage");
        assertEquals(0.95, (double) deltaCovered / experiments, tolerance, "ΔV coverage");
    }

    @Test
    void twoPointSaturatedFitMatchesHandCalculation() {
        // logit(0.25) = -ln 3 and logit(0.75) = ln 3 at 0.5 V and 0.7 V: the sigmoid passes through both points exactly.
        SigmoidFitResult fit = SigmoidFit.fit(List.of(new SwitchingPoint(0.5, 100, 25), new SwitchingPoint(0.7, 100, 75)));
        double ln3 = Math.log(3);
        double delta = 0.1 / ln3;
        assertEquals(0.6, fit.v50Volts(), 1e-12);
        assertEquals(delta, fit.deltaVolts(), 1e-12);
        assertEquals(0, fit.deviance(), 1e-9);
        assertEquals(0, fit.degreesOfFreedom());
        // Each empirical logit has variance 1/(n p (1-p)) = 1/18.75; V50 = mean of (V_i - ΔV logit_i) → ΔV²/4 · 2/18.75.
        double logitVariance = 1 / 18.75;
        assertEquals(delta * Math.sqrt(logitVariance / 2), fit.v50StdErrVolts(), 1e-12);
        // ΔV = 0.2 / (logit_2 - logit_1): derivative 0.2 / (2 ln 3)², variance of the difference 2/18.75.
        assertEquals(0.2 / (4 * ln3 * ln3) * Math.sqrt(2 * logitVariance), fit.deltaStdErrVolts(), 1e-12);
        assertEquals(0.25, fit.probabilityAt(0.5), 1e-12);
        assertEquals(0.7, fit.amplitudeFor(0.75), 1e-12);
        assertEquals(0.6, fit.amplitudeFor(0.5), 1e-12);
    }

    @Test
    void fitIsUnchangedByTheOrderOfPoints() {
        List<SwitchingPoint> points = SyntheticSweep.draw(V50_VOLTS, DELTA_VOLTS, 0.55, 0.70, 11, 500, new SplittableRandom(3));
        List<SwitchingPoint> reversed = new java.util.ArrayList<>(points);
        java.util.Collections.reverse(reversed);
        SigmoidFitResult forward = SigmoidFit.fit(points);
        SigmoidFitResult backward = SigmoidFit.fit(reversed);
        assertEquals(forward.v50Volts(), backward.v50Volts(), 1e-12);
        assertEquals(forward.deltaVolts(), backward.deltaVolts(), 1e-12);
    }

    @Test
    void badStartIsRescuedByStepHalving() {
        // A very sharp transition sampled coarsely: the empirical-logit start is far off, Newton must still climb.
        List<SwitchingPoint> points = List.of(
                new SwitchingPoint(0.60, 1000, 1), new SwitchingPoint(0.61, 1000, 120),
                new SwitchingPoint(0.62, 1000, 500), new SwitchingPoint(0.63, 1000, 880),
                new SwitchingPoint(0.64, 1000, 999));
        SigmoidFitResult fit = SigmoidFit.fit(points);
        assertEquals(0.62, fit.v50Volts(), 1e-3);
        assertTrue(fit.deltaVolts() > 0.003 && fit.deltaVolts() < 0.007, "ΔV = " + fit.deltaVolts());
    }
}

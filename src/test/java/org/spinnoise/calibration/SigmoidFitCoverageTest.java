package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The fit's confidence intervals cover the truth as often as they claim, over many simulated sweeps (pure Java
 * binomial draws from a known sigmoid), and the verdict refuses flat and two-level curves but not good ones.
 */
class SigmoidFitCoverageTest {
    private static final double V50 = 0.505;
    private static final double DELTA = 0.015;
    private static final int SEEDS = 400;

    private static List<SwitchingPoint> draw(DoubleUnaryOperator probability, double from, double to, int amplitudes,
                                             int pulses, SplittableRandom rnd) {
        List<SwitchingPoint> points = new ArrayList<>();
        for (int i = 0; i < amplitudes; i++) {
            double v = from + (to - from) * i / (amplitudes - 1);
            double p = probability.applyAsDouble(v);
            int s = 0;
            for (int k = 0; k < pulses; k++) {
                s += rnd.nextDouble() < p ? 1 : 0;
            }
            points.add(new SwitchingPoint(v, pulses, s));
        }
        return points;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-(v - V50) / DELTA));
    }

    /** 95 % coverage over 400 seeds: binomial sd 1.1 %, so about 3.3 sd either side. */
    private static void assertCoverage(String what, int covered) {
        double rate = (double) covered / SEEDS;
        assertTrue(rate >= 0.915 && rate <= 0.985, what + " coverage " + rate);
    }

    @Test
    void intervalsCoverTheTrueParametersAtTheirNominalRate() throws Exception {
        int v50Covered = 0;
        int deltaCovered = 0;
        int bandCovered = 0;
        double probe = V50 + DELTA;
        for (int seed = 0; seed < SEEDS; seed++) {
            List<SwitchingPoint> points = draw(SigmoidFitCoverageTest::sigmoid, V50 - 0.05, V50 + 0.05, 11, 60,
                    new SplittableRandom(seed));
            SigmoidFitResult fit = SweepVerdict.fitAndCheck("seed " + seed, points);
            v50Covered += fit.v50CiLowVolts() <= V50 && V50 <= fit.v50CiHighVolts() ? 1 : 0;
            deltaCovered += fit.deltaCiLowVolts() <= DELTA && DELTA <= fit.deltaCiHighVolts() ? 1 : 0;
            bandCovered += fit.bandLowAt(probe) <= sigmoid(probe) && sigmoid(probe) <= fit.bandHighAt(probe) ? 1 : 0;
        }
        assertCoverage("V50", v50Covered);
        assertCoverage("ΔV", deltaCovered);
        assertCoverage("band at V50 + ΔV", bandCovered);
    }

    @Test
    void theProfileLikelihoodIntervalCoversAtItsNominalRateEvenOnALopsidedSweep() {
        int covered = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            // Few pulses, most amplitudes on the upper side: where Wald intervals are least trustworthy.
            List<SwitchingPoint> points = draw(SigmoidFitCoverageTest::sigmoid, V50 - 0.02, V50 + 0.07, 10, 25,
                    new SplittableRandom(3000 + seed));
            SigmoidFitResult fit = SigmoidFit.fit(points);
            double[] interval = ProfileLikelihood.v50IntervalVolts(points, fit);
            assertTrue(interval[0] < fit.v50Volts() && fit.v50Volts() < interval[1]);
            covered += interval[0] <= V50 && V50 <= interval[1] ? 1 : 0;
        }
        assertCoverage("profile V50", covered);
    }

    @Test
    void theProfileIntervalApproachesTheWaldIntervalOnALargeSweep() {
        List<SwitchingPoint> points = draw(SigmoidFitCoverageTest::sigmoid, V50 - 0.04, V50 + 0.04, 17, 2_000,
                new SplittableRandom(11));
        SigmoidFitResult fit = SigmoidFit.fit(points);
        double[] interval = ProfileLikelihood.v50IntervalVolts(points, fit);
        assertEquals(fit.v50CiLowVolts(), interval[0], 0.05 * SigmoidFitResult.Z95 * fit.v50StdErrVolts());
        assertEquals(fit.v50CiHighVolts(), interval[1], 0.05 * SigmoidFitResult.Z95 * fit.v50StdErrVolts());
    }

    @Test
    void theCovarianceMatchesTheSpreadOfTheEstimates() throws Exception {
        // An asymmetric sweep makes V50 and ΔV correlated; the reported covariance must say by how much.
        double sumV = 0;
        double sumD = 0;
        double sumVd = 0;
        double reported = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            SigmoidFitResult fit = SigmoidFit.fit(draw(SigmoidFitCoverageTest::sigmoid, V50 - 0.02, V50 + 0.06, 9,
                    100, new SplittableRandom(1000 + seed)));
            sumV += fit.v50Volts();
            sumD += fit.deltaVolts();
            sumVd += fit.v50Volts() * fit.deltaVolts();
            reported += fit.v50DeltaCovarianceVolts2();
        }
        double empirical = sumVd / SEEDS - (sumV / SEEDS) * (sumD / SEEDS);
        assertTrue(Math.abs(reported / SEEDS) > 1e-9, "the design correlates V50 and ΔV");
        assertEquals(reported / SEEDS, empirical, 0.3 * Math.abs(reported / SEEDS));
    }

    @Test
    void goodSweepsAreNotRefusedEvenWhenSparse() {
        int refused = 0;
        String example = "";
        for (int seed = 0; seed < 2 * SEEDS; seed++) {
            SplittableRandom rnd = new SplittableRandom(5000 + seed);
            // Half dense, half sparse (few pulses per point, as an adaptive sweep's coarse pass).
            List<SwitchingPoint> points = seed % 2 == 0
                    ? draw(SigmoidFitCoverageTest::sigmoid, 0.40, 0.70, 31, 200, rnd)
                    : draw(SigmoidFitCoverageTest::sigmoid, 0.40, 0.70, 41, 15, rnd);
            try {
                SweepVerdict.fitAndCheck("seed " + seed, points);
            } catch (CalibrationException e) {
                refused++;
                example = e.getMessage();
            }
        }
        assertEquals(0, refused, example);
    }

    @Test
    void aJunctionThatSwitchesOnlyHalfTheTimeIsRefusedAsTwoLevel() {
        for (int seed = 0; seed < 20; seed++) {
            List<SwitchingPoint> points = draw(v -> 0.5 * sigmoid(v), 0.40, 0.70, 31, 200,
                    new SplittableRandom(seed));
            CalibrationException e = assertThrows(CalibrationException.class,
                    () -> SweepVerdict.fitAndCheck("at 2e-8 s", points));
            assertTrue(e.getMessage().startsWith("switching sweep at 2e-8 s is not a sigmoid"), e.getMessage());
        }
    }

    @Test
    void aTwoStepCurveIsRefused() {
        // Two populations switching at different amplitudes: a plateau at one half between them.
        List<SwitchingPoint> points = draw(v -> 0.5 * sigmoid(v) + 0.5 * sigmoid(v - 0.12), 0.40, 0.80, 41, 200,
                new SplittableRandom(3));
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> SweepVerdict.fitAndCheck("at 2e-8 s", points));
        assertTrue(e.getMessage().contains("not a sigmoid"), e.getMessage());
    }

    @Test
    void aFlatCurveIsRefused() {
        for (int seed = 0; seed < 20; seed++) {
            List<SwitchingPoint> points = draw(v -> 0.4, 0.40, 0.70, 31, 200, new SplittableRandom(seed));
            CalibrationException e = assertThrows(CalibrationException.class,
                    () -> SweepVerdict.fitAndCheck("at 2e-8 s", points));
            assertTrue(e.getMessage().startsWith("switching sweep at 2e-8 s"), e.getMessage());
            assertTrue(e.getMessage().contains("flat") || e.getMessage().contains("not a sigmoid"), e.getMessage());
        }
    }
}

package org.spinnoise.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.ResistanceStats;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.ThresholdCalibration;

/** The re-check's judgement of measured counts and re-read states against a profile, worked by hand. */
class ProfileRecheckJudgementTest {
    private static final ProfileSwitchingFit FIT = new ProfileSwitchingFit(2e-8, 0.5, 0.001, 0.498, 0.502, 0.015,
            0.0005, 0.014, 0.016, 10, 9, 0.35);

    @Test
    void zCombinesCountingNoiseWithTheFitsUncertainty() {
        // At V50: P = 1/2, counting variance 0.25/400, fit se(P) = 0.25 * 0.001 / 0.015.
        SwitchingCurve curve = new SwitchingCurve(2e-8, List.of(new SwitchingPoint(0.5, 400, 230)));
        ProfileRecheck.PointCheck p = ProfileRecheck.judgePoints(FIT, curve, 3.5).get(0);
        double fitErr = 0.25 * 0.001 / 0.015;
        double stdErr = Math.sqrt(0.25 / 400 + fitErr * fitErr);
        assertEquals(0.5, p.predictedProbability(), 1e-15);
        assertEquals(stdErr, p.stdErr(), 1e-15);
        assertEquals((230.0 / 400 - 0.5) / stdErr, p.z(), 1e-12);
        // Above V50 + ΔV the slope's uncertainty adds in: se(P) = P(1-P)/ΔV * hypot(se V50, 1 * se ΔV).
        double above = 0.515;
        double pAbove = 1 / (1 + Math.exp(-1));
        assertEquals(pAbove * (1 - pAbove) / 0.015 * Math.hypot(0.001, 0.0005), FIT.probabilityStdErrAt(above),
                1e-15);
    }

    @Test
    void statesThatStillStraddleTheThresholdPassAndOnesThatCrossItAreNamed() {
        ProfileThreshold profile = ProfileThreshold.of(Threshold.between(2000, 20, 4200, 42));
        ThresholdCalibration.Result same = reread(2010, 22, 4190, 40);
        assertNull(ProfileRecheck.judgeLevels(profile, same).problem());
        // The parallel state has crept up to within 4 sigma of the old threshold: its bits would be misread.
        ThresholdCalibration.Result crept = reread(2650, 20, 4200, 42);
        ProfileRecheck.LevelsCheck check = ProfileRecheck.judgeLevels(profile, crept);
        assertNotNull(check.problem());
        assertTrue(check.parallelMarginSigmas() < 4, check.toString());
        assertTrue(check.problem().contains("2650.0 +/- 20.0"), check.problem());
    }

    @Test
    void theReadErrorRateIsTheGaussianOverlapBeyondTheGuardBand() {
        // Each state 3 sigma from the threshold: P(Z > 3) = 1.3499e-3 on either side.
        Threshold t = new Threshold(1300, 1000, 100, 1600, 100);
        assertEquals(1.3498980316e-3, ProfileThreshold.of(t).readErrorRate(), 1e-9);
        // A guard band from 1250 to 1350 ohm moves the wrong side to 3.5 sigma.
        assertEquals(2.326290790e-4, ProfileThreshold.of(t.withGuardBand(1250, 1350)).readErrorRate(), 1e-10);
    }

    private static ThresholdCalibration.Result reread(double p, double ps, double ap, double aps) {
        return new ThresholdCalibration.Result(new ResistanceStats(20, p, ps, p - 3 * ps, p + 3 * ps),
                new ResistanceStats(20, ap, aps, ap - 3 * aps, ap + 3 * aps), Threshold.between(p, ps, ap, aps), 0, 0);
    }
}

package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.ModelToggleSource;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.PrecessionSpec;

/** The toggle calibration on simulated junction physics (through the BitSource seam, without instruments). */
class ToggleCalibrationTest {
    private static final double BIAS_VOLTS = 0.1;
    private static final double LIMIT_VOLTS = 1.5;
    private static final PrecessionSpec PRECESSION = new PrecessionSpec(0.003, 2.8e10, 25e-9, 0.75, 0.03);
    private static final JunctionSpec TOGGLING = new JunctionSpec(1.2, 0.015, 1e-8, 0.05, 0.6, 2000, 4200, 0.01, 0,
            1.6, 20, PRECESSION);
    private static final ToggleMapPlan PLAN = new ToggleMapPlan(3.03e-9, 18e-9, 16, 0.5, 1.0, 6, 300, 12, 800);

    private static ToggleCalibration.Result calibrate(JunctionSpec spec, ToggleMapPlan plan, long seed)
            throws Exception {
        MtjJunction junction = new MtjJunction(spec, seed);
        try (ModelToggleSource source = new ModelToggleSource(junction, new PulseShape(plan.minVolts(),
                plan.minWidthSeconds()), BIAS_VOLTS)) {
            return ToggleCalibration.run(source, plan, LIMIT_VOLTS, seed, b -> { }, p -> { }, () -> false);
        }
    }

    @Test
    void findsTheFirstFlatTopAndAnAmplitudeWhereHalfThePulsesToggle() throws Exception {
        double period = PRECESSION.periodSeconds();
        for (long seed = 1; seed <= 3; seed++) {
            ToggleCalibration.Result r = calibrate(TOGGLING, PLAN, seed);
            PrecessionFitResult fit = r.precession();
            assertEquals(period, fit.periodSeconds(), 4 * fit.periodStdErrSeconds() + 1e-3 * period, "period");
            assertEquals(1, fit.flatTopNumber());
            double trueFlatTop = PrecessionFitResult.firstPeakSeconds(period, PRECESSION.dephasingSeconds());
            assertEquals(trueFlatTop, r.write().widthSeconds(), 4 * fit.flatTopStdErrSeconds() + 1e-3 * period);
            assertEquals(period / 2, r.write().widthSeconds(), 0.05 * period, "flat top near half a turn");

            double trueP = new MtjJunction(TOGGLING, 0).toggleProbability(r.write().amplitudeVolts() + BIAS_VOLTS,
                    r.write().widthSeconds());
            assertTrue(r.probabilityStdErr() > 0 && r.probabilityStdErr() < 0.02, "" + r.probabilityStdErr());
            assertEquals(0.5, trueP, 3 * r.probabilityStdErr(), "seed " + seed);
            assertEquals(0.5, r.predictedProbability(), 1e-9);
            assertEquals(0, r.slopePerSecond(), 1e-3 / period, "dp/dw vanishes at the flat top");
            assertTrue(r.probabilityChangePerPercentWidth() < 1e-3, "" + r.probabilityChangePerPercentWidth());
            assertEquals(PLAN.pulses(), r.pulses());
        }
    }

    @Test
    void aJunctionWithoutPrecessionIsSentToTheResetWriteScheme() {
        JunctionSpec plain = TOGGLING.withPrecession(null);
        CalibrationException e = assertThrows(CalibrationException.class, () -> calibrate(plain, PLAN, 4));
        assertTrue(e.getMessage().contains("reset-write"), e.getMessage());
    }

    @Test
    void aMonotoneCurveWithoutOscillationIsRefused() {
        // Dephased within a fraction of a period: the toggle probability climbs to s/2 with no flat top.
        JunctionSpec dephased = TOGGLING.withPrecession(new PrecessionSpec(0.003, 0, 1e-9, 0.75, 0.03));
        CalibrationException e = assertThrows(CalibrationException.class, () -> calibrate(dephased, PLAN, 5));
        assertTrue(e.getMessage().contains("reset-write"), e.getMessage());
    }

    @Test
    void halfIsRefusedWhenOnlyAmplitudesAboveTheHardLimitReachIt() {
        JunctionSpec stiff = new JunctionSpec(1.2, 0.015, 1e-8, 0.05, 0.6, 2000, 4200, 0.01, 0, 0, 20,
                new PrecessionSpec(0.003, 0, 25e-9, 1.62, 0.03));
        ToggleMapPlan upToTheLimit = new ToggleMapPlan(3.03e-9, 18e-9, 16, 1.2, LIMIT_VOLTS, 4, 300, 8, 500);
        CalibrationException e = assertThrows(CalibrationException.class, () -> calibrate(stiff, upToTheLimit, 6));
        assertTrue(e.getMessage().contains("hard limit"), e.getMessage());
    }
}

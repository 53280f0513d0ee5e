package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.RawRead;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.testing.DemoBench;

/** Threshold and switching sweep through the real drivers against the simulated bench over loopback TCP. */
class BenchCalibrationTest {
    private static final PulseShape RESET = new PulseShape(-1.0, 2e-8);
    private static final ReadBias READ = new ReadBias(0.1, 2e-4, 0.1);

    @Test
    void thresholdLiesBetweenTheJunctionsTwoStates() throws Exception {
        try (DemoBench demo = DemoBench.start(11); Bench bench = demo.connect()) {
            bench.smu().configureRead(READ);
            List<ThresholdCalibration.LevelRead> reads = new ArrayList<>();
            ThresholdCalibration.Result result = ThresholdCalibration.run(bench, RESET, new PulseShape(0.9, 2e-8),
                    100, reads::add);
            MtjJunction junction = demo.sim.junction(0);
            assertEquals(200, reads.size());
            assertEquals(junction.resistanceParallelOhms(), result.parallel().medianOhms(),
                    0.02 * junction.resistanceParallelOhms());
            assertEquals(junction.resistanceAntiparallelOhms(), result.antiparallel().medianOhms(),
                    0.02 * junction.resistanceAntiparallelOhms());
            double t = result.threshold().ohms();
            assertTrue(t > junction.resistanceParallelOhms() && t < junction.resistanceAntiparallelOhms(), "" + t);
            assertTrue(result.threshold().marginSigmas() > ThresholdCalibration.MIN_MARGIN_SIGMAS);
        }
    }

    @Test
    void sweepAndFitRecoverTheSimulatedJunctionsV50() throws Exception {
        try (DemoBench demo = DemoBench.start(12); Bench bench = demo.connect()) {
            bench.smu().configureRead(READ);
            ThresholdCalibration.Result levels = ThresholdCalibration.run(bench, RESET, new PulseShape(0.9, 2e-8),
                    50, r -> { });
            List<RawRead> reads = new ArrayList<>();
            // The 0.1 V read bias stays on and adds to every pulse: p = 1/2 at V50(20 ns) - 0.1 V, about 0.505 V.
            SweepPlan plan = SweepPlan.linear(0.44, 0.56, 13, 400, 2e-8);
            SwitchingCurve curve = SwitchingSweep.run(bench, levels.threshold(), RESET, plan, 3, reads::add, p -> { });
            SigmoidFitResult fit = curve.fit();
            MtjJunction junction = demo.sim.junction(0);
            assertEquals(13 * 400, reads.size());
            assertEquals(junction.v50VoltsAt(2e-8) - READ.biasVolts(), fit.v50Volts(), 4 * fit.v50StdErrVolts());
            assertEquals(junction.deltaVolts(), fit.deltaVolts(), 4 * fit.deltaStdErrVolts());
        }
    }

    @Test
    void aSetPulseBelowV50IsReportedAsNotSwitching() throws Exception {
        try (DemoBench demo = DemoBench.start(13); Bench bench = demo.connect()) {
            bench.smu().configureRead(READ);
            CalibrationException e = assertThrows(CalibrationException.class, () -> ThresholdCalibration.run(bench,
                    RESET, new PulseShape(0.3, 2e-8), 40, r -> { }));
            assertTrue(e.getMessage().contains("did not move the junction"), e.getMessage());
        }
    }
}

package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.testing.DemoBench;

/** The adaptive sweep on a pure-Java junction over many seeds, and on the simulated demo bench. */
class AdaptiveSweepTest {
    private static final double V50 = 0.505;
    private static final double DELTA = 0.015;
    /** The demo recipe's adaptive sweep: 16 coarse amplitudes of 40 pulses over 0.40-0.70 V, 4,000 pulses. */
    private static final SweepPlan PLAN = SweepPlan.adaptive(0.40, 0.70, 16, 40, 2e-8, 4_000);

    private static AdaptiveSweep.Result sweep(CurveSource source, SweepPlan plan, long seed) throws Exception {
        return AdaptiveSweep.run(source, plan, seed, b -> { }, p -> { }, () -> false);
    }

    @Test
    void reachesAMillivoltOnV50WithinItsBudgetAndItsIntervalsCover() throws Exception {
        int seeds = 200;
        int covered = 0;
        double worstStdErr = 0;
        long mostPulses = 0;
        for (int seed = 0; seed < seeds; seed++) {
            CurveSource source = CurveSource.logistic(seed, V50, DELTA, 2e-8, 0);
            AdaptiveSweep.Result r = sweep(source, PLAN, seed);
            covered += r.fit().v50CiLowVolts() <= V50 && V50 <= r.fit().v50CiHighVolts() ? 1 : 0;
            worstStdErr = Math.max(worstStdErr, r.fit().v50StdErrVolts());
            mostPulses = Math.max(mostPulses, r.pulses());
            assertEquals(source.pulses, r.pulses(), "every pulse fired is counted");
        }
        assertTrue(worstStdErr < 1.0e-3, "V50 standard error up to " + worstStdErr + " V");
        assertTrue(mostPulses <= 4_000, mostPulses + " pulses");
        double rate = (double) covered / seeds;
        // 95 % intervals over 200 seeds: binomial sd 1.5 %.
        assertTrue(rate >= 0.905 && rate <= 0.995, "V50 coverage " + rate);
    }

    @Test
    void mostPulsesGoWhereTheCurveIsSteepAndBeatTheFixedPlan() throws Exception {
        CurveSource source = CurveSource.logistic(3, V50, DELTA, 2e-8, 0);
        AdaptiveSweep.Result r = sweep(source, PLAN, 3);
        long near = 0;
        for (SwitchingPoint p : r.curve().points()) {
            near += Math.abs(p.amplitudeVolts() - V50) < 3 * DELTA ? p.pulses() : 0;
        }
        assertTrue(near > 0.75 * r.pulses(), near + " of " + r.pulses() + " pulses within 3 ΔV of V50");
        // The same pulses spread evenly over the range (a fixed plan) pin V50 down less well.
        CurveSource flatSpread = CurveSource.logistic(3, V50, DELTA, 2e-8, 0);
        SwitchingCurve fixed = SwitchingSweep.run(flatSpread, SweepPlan.linear(0.40, 0.70, 31, 129, 2e-8), 3,
                b -> { }, p -> { }, () -> false);
        assertTrue(r.fit().v50StdErrVolts() < 0.8 * fixed.fit().v50StdErrVolts(),
                r.fit().v50StdErrVolts() + " V adaptive vs " + fixed.fit().v50StdErrVolts() + " V fixed");
    }

    @Test
    void aJunctionSwitchingOnlyHalfTheTimeIsRefused() {
        CurveSource twoLevel = new CurveSource(5, (v, w) -> 0.5 / (1 + Math.exp(-(v - V50) / DELTA)));
        CalibrationException e = assertThrows(CalibrationException.class, () -> sweep(twoLevel, PLAN, 5));
        assertTrue(e.getMessage().startsWith("switching sweep at 2.00e-08 s"), e.getMessage());
    }

    @Test
    void aJunctionThatIgnoresTheAmplitudeIsRefused() {
        CurveSource flat = new CurveSource(6, (v, w) -> 0.45);
        CalibrationException e = assertThrows(CalibrationException.class, () -> sweep(flat, PLAN, 6));
        assertTrue(e.getMessage().startsWith("switching sweep at 2.00e-08 s"), e.getMessage());
    }

    @Test
    void aSteepTransitionBetweenCoarsePointsIsBracketedAndRefined() throws Exception {
        // ΔV of 2 mV against a 20 mV coarse step: the coarse pass alone is separated.
        CurveSource steep = CurveSource.logistic(7, 0.553, 0.002, 2e-8, 0);
        AdaptiveSweep.Result r = sweep(steep, PLAN, 7);
        assertEquals(0.553, r.fit().v50Volts(), 4 * r.fit().v50StdErrVolts());
    }

    @Test
    void findsTheSimulatedJunctionsV50WithinItsInterval() throws Exception {
        ReadBias read = new ReadBias(0.1, 2e-4, 0.1);
        PulseShape reset = new PulseShape(-1.0, 2e-8);
        try (DemoBench demo = DemoBench.start(32); Bench bench = demo.connect()) {
            bench.smu().configureRead(read);
            ThresholdCalibration.Result levels = ThresholdCalibration.run(bench, reset, new PulseShape(0.9, 2e-8),
                    20, x -> { });
            OperatingPoint start = new OperatingPoint(new PulseShape(0.40, 2e-8), reset);
            List<SwitchingPoint> chunks = new ArrayList<>();
            AdaptiveSweep.Result r;
            try (PerBitBenchSource source = PerBitBenchSource.start(bench, start, levels.threshold(), () -> false)) {
                r = AdaptiveSweep.run(source, PLAN, 32, b -> { }, chunks::add, () -> false);
            }
            MtjJunction junction = demo.sim.junction(0);
            double trueV50 = junction.v50VoltsAt(2e-8) - read.biasVolts();
            assertTrue(r.fit().v50CiLowVolts() <= trueV50 && trueV50 <= r.fit().v50CiHighVolts(),
                    trueV50 + " V outside " + r.fit().v50CiLowVolts() + " .. " + r.fit().v50CiHighVolts());
            assertTrue(r.fit().v50StdErrVolts() < 1.1e-3, r.fit().v50StdErrVolts() + " V");
            assertEquals(r.pulses(), demo.sim.pulsesDelivered("pulse", 1) - 20, "write pulses beyond the threshold's");
            assertEquals(r.pulses(), chunks.stream().mapToLong(SwitchingPoint::pulses).sum());
        }
    }
}

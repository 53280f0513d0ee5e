package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.DeviceOutOfRangeException;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.TrackingRow;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.DriftingJunctions;
import org.spinnoise.sim.JunctionClock;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.testing.DemoBench;

/**
 * Drift tracking end to end on the simulated demo bench in the batched scheme, the junction's V50 drifting 180 mV/h on
 * a clock its own pulses advance (2 ms a pulse, a bit every 4 ms, as the batched scheme at 0.1 PLC makes them; 40,000
 * bits are 160 modelled seconds, 8 mV of drift, half a ΔV): the tracked run
 * keeps its bits fair where the same run untracked does not, and a breakdown mid-run stops the run cleanly.
 */
class TrackedAcquisitionTest {
    private static final double STRESS_VOLTS_PER_HOUR = 0.18;
    private static final double SECONDS_PER_PULSE = 2e-3;
    private static final long BITS = 40_000;

    @TempDir
    Path runs;

    private static AcquisitionPlan plan(TrackingPlan tracking) throws IOException {
        return SmallPlans.demoWith(BITS).withScheme(new AcquisitionPlan.SchemePlan("batched", 1, 2000))
                .withTracking(tracking);
    }

    /**
     * The plan with a read bias low enough (10 mV, 1 mA limit) that the SMU does not hit its current limit on a
     * shorted junction: at the demo's 0.1 V and 0.2 mA the SMU's compliance check reports the short first (and the
     * run fails as cleanly, with an instrument error); here the reads of a short reach the device-range guard.
     */
    private static AcquisitionPlan lowBiasPlan(long bits) throws IOException {
        AcquisitionPlan p = plan(TrackingPlan.DEFAULT);
        return new AcquisitionPlan(p.limits(), p.wiring(), new ReadBias(0.01, 1e-3, p.read().nplc()), p.reset(),
                p.levels(), p.sweep(), bits, p.health(), p.seed(), p.scheme(), p.reconnect(), p.tracking(), p.switching());
    }

    private RunFolder run(String name, TrackingPlan tracking, RunListener listener) throws IOException {
        BenchFile drifting = DriftingJunctions.withDrift(BenchFile.demo(), STRESS_VOLTS_PER_HOUR);
        RunFolder folder = RunFolder.create(runs, name);
        try (SimulatedBench sim = SimulatedBench.start(drifting, 5, JunctionClock.perPulse(SECONDS_PER_PULSE));
             WireLog wire = new WireLog();
             Bench bench = Bench.connect(sim.address("pulse"), sim.address("smu"), 1, 2, DemoBench.LIMITS, wire)) {
            RunListener l = listener != null ? listener : new RunListener() {
            };
            try {
                new CalibratedAcquisition(bench, plan(tracking), folder, wire, l).run();
            } finally {
                assertFalse(sim.outputOn("pulse", 1) || sim.outputOn("pulse", 2) || sim.outputOn("smu", 1),
                        "an output was left on");
            }
        }
        return RunFolder.open(folder.dir());
    }

    private static double bias(RunFolder folder) {
        return (double) folder.manifest().acquisition().ones() / folder.manifest().acquisition().bits() - 0.5;
    }

    @Test
    void trackingHoldsHalfWhereTheUntrackedRunDriftsAway() throws IOException {
        LiveRun live = LiveRun.inMemory();
        RunFolder tracked = run("tracked", TrackingPlan.DEFAULT, live);
        live.close();
        RunFolder untracked = run("untracked", TrackingPlan.OFF, null);

        assertEquals("complete", tracked.manifest().run().status());
        assertTrue(Math.abs(bias(tracked)) < 0.012, "tracked bias " + bias(tracked));
        assertTrue(bias(untracked) < -0.04, "untracked bias " + bias(untracked));
        assertTrue(tracked.manifest().acquisition().healthPassed(), "health tests of the tracked run");

        List<String> rows = Files.readAllLines(tracked.file("tracking.csv"));
        assertEquals(TrackingRow.HEADER, rows.get(0));
        assertEquals(BITS / 4000, rows.size() - 1, "one row per window of two 2,000-bit batches");
        long moves = rows.stream().skip(1).filter(r -> r.endsWith(",1")).count();
        assertTrue(moves >= 2, moves + " moves");
        double lastVolts = Double.parseDouble(rows.get(rows.size() - 1).split(",")[7]);
        double calibratedVolts = tracked.manifest().calibration().sweepFit().v50Volts();
        // V50 rose 8 mV over the run's modelled 160 s; the amplitude follows it up.
        assertTrue(lastVolts > calibratedVolts + 0.004, "the amplitude should have followed V50 up from "
                + calibratedVolts + " V, ends at " + lastVolts + " V");
        assertFalse(Files.exists(untracked.file("tracking.csv")));

        // What a dashboard was told agrees with the run folder: bits, ones, every estimate and move, the outcome.
        var state = live.json();
        assertEquals(tracked.dir().toString(), state.get("folder").asText());
        assertEquals("complete", state.get("status").asText());
        assertEquals(BITS, state.get("bits").asLong());
        assertEquals(BITS, state.get("total_bits").asLong());
        assertEquals((double) tracked.manifest().acquisition().ones() / BITS, state.get("ones_fraction").asDouble(),
                1e-12);
        assertEquals(rows.size() - 1, state.get("tracking_estimates").asLong());
        assertEquals(moves, state.get("tracking_adjustments").asLong());
        assertEquals(lastVolts, state.get("tracking").get(state.get("tracking").size() - 1)
                .get("write_amplitude_volts").asDouble());
    }

    @Test
    void aBreakdownMidRunStopsTheRunWithItsBitsKeptAndTheOutputsOff() throws IOException {
        BenchFile drifting = DriftingJunctions.withDrift(BenchFile.demo(), STRESS_VOLTS_PER_HOUR);
        RunFolder folder = RunFolder.create(runs, "breakdown");
        try (SimulatedBench bench = SimulatedBench.start(drifting, 5, JunctionClock.perPulse(SECONDS_PER_PULSE));
             WireLog wire = new WireLog();
             Bench connected = Bench.connect(bench.address("pulse"), bench.address("smu"), 1, 2, DemoBench.LIMITS,
                     wire)) {
            RunListener zapAt8k = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 8_000 && !bench.junction(0).stress().brokenDown()) {
                        // A discharge through the junction, above its 1.6 V breakdown: the barrier shorts.
                        bench.junction(0).applyPulse(2.0, 1e-8);
                    }
                }
            };
            DeviceOutOfRangeException e = assertThrows(DeviceOutOfRangeException.class,
                    new CalibratedAcquisition(connected, lowBiasPlan(20_000), folder, wire, zapAt8k)::run);
            assertEquals(DeviceOutOfRangeException.Reason.BREAKDOWN, e.reason());
            assertFalse(bench.outputOn("pulse", 1) || bench.outputOn("pulse", 2) || bench.outputOn("smu", 1),
                    "an output was left on");
        }
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        RunStatus run = m.run();
        assertEquals("failed", run.status());
        assertTrue(run.error().contains("broken down"), run.error());
        long kept = m.acquisition().bits();
        assertTrue(kept >= 8_000 && kept < 20_000, kept + " bits kept");
        assertEquals((kept + 7) / 8, Files.size(folder.file("bits.bin")));
        assertTrue(m.acquisition().discardedUnconfirmedBits() > 0, "the batch that showed the short is discarded");
        assertTrue(Files.readString(folder.file("events.csv")).contains("broken down"));
    }
}

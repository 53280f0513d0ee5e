package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.testing.DemoBench;

/**
 * A calibrate-and-acquire run with the demo recipe's adaptive sweep and a small width map on the simulated bench:
 * threshold.csv, sweep.csv with its band, the width-map tables and the manifest's calibration figures.
 */
class CalibratedAcquisitionAdaptiveTest {
    @TempDir
    Path runs;

    @Test
    void anAdaptiveRunWritesTheMixtureSweepAndWidthMapTables() throws Exception {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        assertTrue(demo.sweep().isAdaptive(), "the demo recipe uses the adaptive sweep");
        // A smaller budget than the demo's 4,000 keeps the run (three sweeps) quick.
        SweepPlan sweep = SweepPlan.adaptive(demo.sweep().startVolts(), demo.sweep().stopVolts(), 16, 40,
                demo.sweep().widthSeconds(), 2_000).withWidths(List.of(2e-8, 1e-7));
        AcquisitionPlan plan = new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50), sweep, 2_000, demo.health(),
                1, SmallPlans.PER_BIT, SmallPlans.QUICK_RECONNECT);
        RunFolder folder = RunFolder.create(runs, "adaptive");
        double trueV50;
        try (DemoBench bench = DemoBench.start(41); Bench connected = bench.connect()) {
            new CalibratedAcquisition(connected, plan, folder, bench.wire, new RunListener() { }).run();
            trueV50 = bench.sim.junction(0).v50VoltsAt(2e-8) - plan.read().biasVolts();
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        Calibration c = manifest.calibration();
        assertNotNull(c.readErrorRate());
        assertTrue(c.guardLowOhms() < c.thresholdOhms() && c.thresholdOhms() < c.guardHighOhms());
        assertEquals("adaptive", c.sweepMode());
        assertTrue(c.sweepPulses() <= 2_000, c.sweepPulses() + " sweep pulses");
        assertTrue(c.v50CiLowVolts() <= trueV50 && trueV50 <= c.v50CiHighVolts(),
                trueV50 + " V outside " + c.v50CiLowVolts() + " .. " + c.v50CiHighVolts());
        assertTrue(c.v50ProfileCiLowVolts() < c.sweepFit().v50Volts()
                && c.sweepFit().v50Volts() < c.v50ProfileCiHighVolts());
        assertEquals(0.5, c.operatingPointEstimate().targetProbability());
        assertTrue(c.operatingPointEstimate().probabilityStdErr() < 0.03);
        // The demo junction's V50 falls 50 mV per decade of width.
        assertTrue(c.widthMapLine().slopeCiLow() < -0.05 + 0.02 && -0.05 - 0.02 < c.widthMapLine().slopeCiHigh(),
                c.widthMapLine().toString());

        List<String> threshold = Files.readAllLines(folder.file("threshold.csv"), StandardCharsets.US_ASCII);
        assertEquals("threshold_ohms,guard_low_ohms,guard_high_ohms,parallel_ohms,parallel_sigma_ohms,"
                + "antiparallel_ohms,antiparallel_sigma_ohms,parallel_weight,read_error_rate", threshold.get(0));
        assertEquals(2, threshold.size());
        assertEquals(c.thresholdOhms(), Double.parseDouble(threshold.get(1).split(",")[0]));

        List<String> sweepRows = Files.readAllLines(folder.file("sweep.csv"), StandardCharsets.US_ASCII);
        assertEquals("write_amplitude_volts,write_width_seconds,pulses,switched,fraction,fitted_probability,"
                + "band_low,band_high", sweepRows.get(0));
        long pulses = 0;
        for (String row : sweepRows.subList(1, sweepRows.size())) {
            String[] f = row.split(",");
            pulses += Long.parseLong(f[2]);
            double fitted = Double.parseDouble(f[5]);
            assertTrue(Double.parseDouble(f[6]) <= fitted && fitted <= Double.parseDouble(f[7]), row);
        }
        assertEquals(c.sweepPulses().longValue(), pulses);
        assertEquals(3, Files.readAllLines(folder.file("width-map-fit.csv")).size());
        assertTrue(Files.readAllLines(folder.file("width-map.csv")).size() > 10);
        assertEquals(2_000, manifest.bits());
    }
}

package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.ToggleMapPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.sim.PrecessionSpec;
import org.spinnoise.testing.ToggleDemoBench;

/** A whole calibrate-and-acquire run in the toggle scheme on the simulated toggle bench, and the recipe section. */
class ToggleAcquisitionTest {
    private static final Path RECIPE = Path.of("calibration/recipes/demo-toggle.json");

    @TempDir
    Path runs;

    /** The shipped toggle recipe, cut down so the run takes seconds. */
    private static AcquisitionPlan small(long bits) throws IOException {
        AcquisitionPlan p = AcquisitionPlan.read(RECIPE);
        ToggleMapPlan t = p.switching().toggle();
        ToggleMapPlan map = new ToggleMapPlan(t.minWidthSeconds(), t.maxWidthSeconds(), 12, t.minVolts(),
                t.maxVolts(), t.amplitudePoints(), 50, t.amplitudeSweepPoints(), 250);
        return new AcquisitionPlan(p.limits(), p.wiring(), p.read(), p.reset(),
                new AcquisitionPlan.LevelsPlan(p.levels().setAmplitudeVolts(), 50), p.sweep(), bits, p.health(),
                p.seed(), p.scheme(), SmallPlans.QUICK_RECONNECT, p.tracking(), new SwitchingPlan(SwitchingPlan.TOGGLE, map));
    }

    @Test
    void calibratesAtTheFirstFlatTopAndAcquiresToggleBitsNearOneHalf() throws Exception {
        AcquisitionPlan plan = small(2000);
        RunFolder folder = RunFolder.create(runs, "toggle");
        RunSummary summary;
        try (ToggleDemoBench demo = ToggleDemoBench.start(31); Bench bench = demo.connect()) {
            summary = new CalibratedAcquisition(bench, plan, folder, demo.wire, new RunListener() { }).run();
            assertFalse(demo.sim.outputOn("pulse", 1) || demo.sim.outputOn("pulse", 2), "a pulse output was left on");
        }
        List<String> map = Files.readAllLines(folder.file(ToggleStages.MAP_FILE));
        assertEquals("write_width_seconds,write_amplitude_volts,pulses,toggled", map.get(0));
        assertEquals(1 + 12 * 6, map.size());

        JsonNode figures = new ObjectMapper().readTree(folder.file(ToggleStages.FIGURES_FILE).toFile());
        double period = new PrecessionSpec(0.003, 0, 25e-9, 0.75, 0.03).periodSeconds();
        assertEquals(period, figures.get("period_seconds").asDouble(), 0.03 * period);
        OperatingPoint point = RunFolder.open(folder.dir()).manifest().calibration().operatingPoint();
        assertEquals(period / 2, point.write().widthSeconds(), 0.05 * period);

        double predicted = figures.get("predicted_probability_stderr").asDouble();
        assertEquals(2000, summary.bits());
        assertEquals(0, summary.bias(), 5 * Math.sqrt(0.25 / 2000) + 3 * predicted, "bias " + summary.bias());
        assertTrue(summary.healthPassed());
    }

    @Test
    void recipesChooseTheSchemeAndNameWhatIsWrong(@TempDir Path dir) throws Exception {
        assertEquals(SwitchingPlan.DEFAULT, AcquisitionPlan.demo().switching());
        assertTrue(AcquisitionPlan.read(RECIPE).switching().toggling());
        String text = Files.readString(RECIPE);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, text.replace("\"mode\": \"toggle\"", "\"mode\": \"flip\""));
        IOException e = assertThrows(IOException.class, () -> AcquisitionPlan.read(bad));
        assertTrue(e.getMessage().contains("switching.mode"), e.getMessage());
        Files.writeString(bad, text.replace("\"widthPoints\": 16", "\"widthPoints\": 4"));
        e = assertThrows(IOException.class, () -> AcquisitionPlan.read(bad));
        assertTrue(e.getMessage().contains("switching.toggle.widthPoints"), e.getMessage());
    }
}

package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.run.AcquisitionPlan;

/** The benchmark's board and toggle sections at small sizes, and its window arithmetic. */
class CalibrationBenchmarkTest {
    @TempDir
    Path scratch;

    @Test
    void theBoardSectionCalibratesWithinItsPulseBudgetAndTracks() throws Exception {
        CalibrationBenchmark.Settings settings = new CalibrationBenchmark.Settings(0, 0, 1 << 18, 3, 0, 0,
                List.of(0.18), 2, scratch);
        List<CalibrationBenchmark.Case> cases = CalibrationBenchmark.run(settings,
                List.of(new BoardTrackingSection()), line -> { });
        assertEquals(1, cases.size());
        CalibrationBenchmark.Case c = cases.get(0);
        assertEquals(5e-9, c.modelledSecondsPerBit(), 1e-15, "one pulse cycle per bit at the demo board's 2e8 cycles/s");
        // The real board calibration's pulses (threshold scans, locating, sweep), read back from the run's manifest.
        assertTrue(c.calibrationPulses() > 10_000 && c.calibrationPulses() <= 50_000, c.calibrationPulses() + " pulses");
        assertEquals(3, c.tracked().windowBias().size());
        assertEquals(3, c.untracked().windowBias().size());
        assertEquals("complete", c.tracked().status());
        assertTrue(c.tracked().healthPassed());
        assertTrue(c.tracked().adjustments() >= 0 && c.untracked().adjustments() == 0, c.json());
        assertTrue(c.tracked().maxAbsBias() < 0.02, c.json());
        assertTrue(c.untracked().healthPassed(), c.json());
        assertTrue(c.json().startsWith("{\"section\":\"board\""), c.json());
    }

    @Test
    void theToggleSectionTracksBesideItsUntrackedBaseline() throws Exception {
        long windowBits = 40_000;
        ToggleTrackingSection section = new ToggleTrackingSection();
        CalibrationBenchmark.Settings settings = new CalibrationBenchmark.Settings(0, 0, 0, 0, windowBits, 2,
                List.of(0.18), 3, scratch);
        List<CalibrationBenchmark.Case> cases = CalibrationBenchmark.run(settings,
                List.of(section), line -> { });
        assertEquals(1, cases.size());
        CalibrationBenchmark.Case c = cases.get(0);
        assertEquals("toggle", c.section());
        // The toggle calibration: the recipe's map and amplitude sweep, on the junction's physics.
        assertEquals(AcquisitionPlan.shipped("demo-toggle").switching().toggle().pulses(), c.calibrationPulses());
        // Measured on the simulated toggle bench: a pulse and an SMU read per bit, well above a board's nanoseconds.
        assertTrue(c.modelledSecondsPerBit() > 1e-6 && c.modelledSecondsPerBit() < 1, c.json());
        assertEquals(2, c.tracked().windowBias().size());
        assertEquals(2, c.untracked().windowBias().size());
        assertEquals("complete", c.tracked().status(), c.json());
        assertEquals(0, c.untracked().adjustments());
        double sigma = Math.sqrt(0.25 / windowBits);
        assertTrue(c.tracked().maxAbsBias() < 6 * sigma + 0.02, c.json());
        // The flat top: a 1 % width error moves p far less than on the reset-write curve; one pulse per bit, not two.
        Map<String, Object> f = section.figures();
        assertTrue((double) f.get("toggle_dp_per_percent_width")
                < 0.1 * (double) f.get("reset_write_dp_per_percent_width"), f.toString());
        assertEquals(1.0, f.get("toggle_pulses_per_bit"));
        assertEquals(c.modelledSecondsPerBit(), f.get("toggle_bench_seconds_per_bit"));
    }

    @Test
    void windowBiasCountsWholeWindowsOnly() {
        byte[] packed = {(byte) 0xFF, 0x00, (byte) 0xF0};
        assertEquals(List.of(0.5, -0.5), CalibrationBenchmark.windowBias(packed, 20, 8));
        assertEquals(List.of(0.0), CalibrationBenchmark.windowBias(packed, 16, 16));
    }
}

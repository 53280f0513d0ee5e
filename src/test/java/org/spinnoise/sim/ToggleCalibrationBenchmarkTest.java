package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinnoise.run.AcquisitionPlan;

/** The toggle benchmark's figures at small sizes: what they count, and that they hang together. */
class ToggleCalibrationBenchmarkTest {
    @Test
    void figuresAtSmallSizes() throws Exception {
        long windowBits = 20_000;
        ToggleCalibrationBenchmark.Figures f = ToggleCalibrationBenchmark.run(windowBits, 2, 0.005, 1e-3, 7);
        assertEquals(AcquisitionPlan.shipped("demo-toggle").switching().toggle().pulses(),
                f.toggleCalibrationPulses());
        assertEquals(2, f.toggleBias().size());
        assertEquals(2, f.resetWriteBiasDrifting().size());
        double sigma = Math.sqrt(0.25 / windowBits);
        for (double bias : f.toggleBias()) {
            assertEquals(0, bias, 5 * sigma + 3 * f.predictedProbabilityStdErr(), "toggle window bias");
        }
        for (double bias : f.resetWriteBias()) {
            assertEquals(0, bias, 5 * sigma, "reset-write at its true V50");
        }
        // The flat top: a 1 % width error moves p far less than on the reset-write curve.
        assertTrue(f.toggleChangePerPercentWidth() < 0.1 * f.resetWriteChangePerPercentWidth(),
                f.toggleChangePerPercentWidth() + " vs " + f.resetWriteChangePerPercentWidth());
        Map<String, Object> json = f.json();
        assertEquals(1.0, json.get("toggle_pulses_per_bit"));
        assertEquals(2.0, json.get("reset_write_pulses_per_bit"));
        assertTrue(json.keySet().stream().allMatch(k -> k.equals(k.toLowerCase())), json.keySet().toString());
    }
}

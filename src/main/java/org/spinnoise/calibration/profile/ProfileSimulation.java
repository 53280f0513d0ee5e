package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * For a profile made on the simulated bench: which bench file and seed, and the simulated junction's true V50 (at the
 * sweep width, less the read bias that adds to every pulse) and ΔV, so the fit can be judged against the truth.
 * Absent (null) for a real device.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileSimulation(String benchFile, long seed, double trueV50Volts, double trueDeltaVolts) {
    public ProfileSimulation {
        Fields.text("bench_file", benchFile);
        Fields.finite("true_v50_volts", trueV50Volts);
        Fields.positive("true_delta_volts", trueDeltaVolts);
    }
}

package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The bench a run was made on, by address (what {@code acquire --resume} re-opens), and for a simulated bench its
 * bench file, seed and the junction's true values printed beside the fit (null on a real bench).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BenchSection(String pulseAddress, String smuAddress, boolean simulated, String benchFile, Long seed,
                           Double trueV50Volts, String trueV50Note, Double trueDeltaVolts) {

    /** A real bench at these addresses. */
    public static BenchSection real(String pulseAddress, String smuAddress) {
        return new BenchSection(pulseAddress, smuAddress, false, null, null, null, null, null);
    }
}

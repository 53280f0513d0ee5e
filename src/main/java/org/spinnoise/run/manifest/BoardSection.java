package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;

/**
 * The pulser board a run was made on: its address, its HELLO, the configuration asked for and applied, and the
 * board calibration that chose it (null when the operating point was given).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardSection(String address, HelloReply hello, Configuration configuration,
                           BoardCalibrationRecord calibration) {

    /** A board section without a calibration. */
    public BoardSection(String address, HelloReply hello, Configuration configuration) {
        this(address, hello, configuration, null);
    }

    /** The same section with a calibration. */
    public BoardSection withCalibration(BoardCalibrationRecord newCalibration) {
        return new BoardSection(address, hello, configuration, newCalibration);
    }

    /** The operating point asked for, the DAC codes the board applied and what those codes mean in volts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Configuration(BoardOperatingPoint requested, BoardSettings appliedCodes,
                                BoardOperatingPoint applied) {
    }
}

package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;

/** The pulser board a run was made on: its address, its HELLO, and the configuration asked for and applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardSection(String address, HelloReply hello, Configuration configuration) {

    /** The operating point asked for, the DAC codes the board applied and what those codes mean in volts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Configuration(BoardOperatingPoint requested, BoardSettings appliedCodes,
                                BoardOperatingPoint applied) {
    }
}

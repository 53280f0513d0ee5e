package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import org.spinnoise.scpi.Identity;

/**
 * The bench's two instruments as their {@code *IDN?} named them, and the settings they held at the end of the run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Instruments(Identity pulse, Identity smu, Map<String, Object> pulseSettings,
                          Map<String, Object> smuSettings) {

    public Instruments withSettings(Map<String, Object> pulse, Map<String, Object> smu) {
        return new Instruments(this.pulse, this.smu, pulse, smu);
    }
}

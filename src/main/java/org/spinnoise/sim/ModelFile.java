package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One instrument model as written in {@code models/<model>.json}: the family whose command table it serves, its
 * {@code *IDN?} reply, channel count, the settings whose range differs from the family's (each cited), its output
 * stage, the times its answers take (each cited), what could not be found in its manual or data sheet and notes on
 * the sources of the rest.
 */
public record ModelFile(
        @JsonProperty(value = "family", required = true) String family,
        @JsonProperty(value = "idn", required = true) String idn,
        @JsonProperty(value = "channels", required = true) int channels,
        @JsonProperty("overrides") Map<String, ModelOverride> overrides,
        @JsonProperty("outputImpedanceOhms") double outputImpedanceOhms,
        @JsonProperty("maxOpenCircuitVolts") double maxOpenCircuitVolts,
        @JsonProperty(value = "timing", required = true) ModelTiming timing,
        @JsonProperty("notFound") List<String> notFound,
        @JsonProperty("notes") Map<String, String> notes) {

    public ModelFile {
        if (channels < 1) {
            throw new IllegalArgumentException("\"channels\" must be >= 1, was " + channels);
        }
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        notFound = notFound == null ? List.of() : List.copyOf(notFound);
        notes = notes == null ? Map.of() : Map.copyOf(notes);
    }
}

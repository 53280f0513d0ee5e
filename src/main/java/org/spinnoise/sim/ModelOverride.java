package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one model changes in its family's command table for one setting (e.g. the 33622A's shorter minimum pulse
 * width), with the data sheet or manual page it comes from.
 */
public record ModelOverride(
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty("resolution") Double resolution,
        @JsonProperty("reset") JsonNode reset,
        @JsonProperty(value = "cite", required = true) String cite) {
}

package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A documented interaction between settings (e.g. pulse width must stay below the period): its name, which the
 * simulator implements, the error number the manual gives, what the instrument does, and where the manual says so.
 */
public record ModelRule(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty(value = "error", required = true) int error,
        @JsonProperty(value = "behaviour", required = true) String behaviour,
        @JsonProperty(value = "cite", required = true) String cite) {
}

package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One row of an instrument model's command table: the header as the programming manual prints it (capitals are the
 * short form, brackets mark optional nodes and channel suffixes), which forms exist (command, query), its
 * parameter, the name of the setting or behaviour it reaches in the simulator ({@code state}), the manual's section
 * or page it comes from ({@code cite}) and whether {@code *RST} leaves the setting alone ({@code keptByReset}, e.g.
 * nonvolatile settings). The simulator serves exactly these rows.
 */
public record ModelCommand(
        @JsonProperty(value = "header", required = true) String header,
        @JsonProperty(value = "forms", required = true) List<String> forms,
        @JsonProperty(value = "parameter", required = true) ModelParameter parameter,
        @JsonProperty(value = "state", required = true) String state,
        @JsonProperty(value = "cite", required = true) String cite,
        @JsonProperty("keptByReset") boolean keptByReset) {

    public ModelCommand {
        forms = List.copyOf(forms);
        if (forms.isEmpty() || !List.of("command", "query").containsAll(forms)) {
            throw new IllegalArgumentException("command " + header + ": \"forms\" must list \"command\" and/or \"query\"");
        }
        if (cite == null || cite.isBlank()) {
            throw new IllegalArgumentException("command " + header + " has no \"cite\": every row names its manual page");
        }
    }

    boolean hasCommandForm() {
        return forms.contains("command");
    }

    boolean hasQueryForm() {
        return forms.contains("query");
    }

    /** The same row with a model's override of its parameter applied. */
    ModelCommand overriddenBy(ModelOverride override) {
        return new ModelCommand(header, forms, parameter.overriddenBy(override), state, cite + "; " + override.cite(),
                keptByReset);
    }
}

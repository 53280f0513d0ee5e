package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One trigger cable of a bench file: from an instrument's trigger output to the trigger inputs it drives, each named
 * {@code role:port} with the port as the instrument's manual names the connector or line (e.g.
 * {@code "smu:digio-1"} to {@code "pulse:ext-trig"}). The ports each simulated model offers are checked when the
 * bench starts.
 */
public record TriggerLineSpec(
        @JsonProperty(value = "from", required = true) String from,
        @JsonProperty(value = "to", required = true) List<String> to) {

    public TriggerLineSpec {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("trigger line from '" + from + "' goes nowhere (\"to\" is empty)");
        }
        role(from);
        to.forEach(TriggerLineSpec::role);
    }

    /** The role of a {@code role:port} end. */
    static String role(String end) {
        int colon = end.indexOf(':');
        if (colon <= 0 || colon == end.length() - 1) {
            throw new IllegalArgumentException("trigger line end '" + end + "' is not of the form role:port");
        }
        return end.substring(0, colon);
    }

    /** The port of a {@code role:port} end. */
    static String port(String end) {
        return end.substring(end.indexOf(':') + 1);
    }
}

package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How long a model takes to act and answer, each figure with the manual or data-sheet page it comes from, e.g.
 * {@code "triggerLatencySeconds": {"value": 1e-6, "cite": "..."}}. The simulator waits these times when the bench
 * file asks for modelled timing, so a simulated run shows the bit rate a real bench would.
 */
public record ModelTiming(Map<String, Fact> facts) {

    /** One timing figure and its source. */
    public record Fact(
            @JsonProperty(value = "value", required = true) double value,
            @JsonProperty(value = "cite", required = true) String cite) {
        public Fact {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a timing value must be a finite number >= 0, was " + value);
            }
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ModelTiming {
        facts = Map.copyOf(facts);
    }

    /** The named figure; a model file that lacks one its simulator needs is a configuration error. */
    double value(String name) {
        Fact fact = facts.get(name);
        if (fact == null) {
            throw new SimulationException("instrument model has no timing figure '" + name
                    + "': add it under \"timing\" in its model file, with the manual page it comes from");
        }
        return fact.value();
    }
}

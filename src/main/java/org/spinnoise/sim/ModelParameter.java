package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The parameter of one command in an instrument model's command table, as its programming manual defines it:
 * {@code number} (unit suffix, range, resolution the instrument coerces to, *RST value, the keywords it accepts in
 * place of a number such as MINimum, MAXimum, DEFault or INFinity), {@code choice} (mnemonic words, e.g.
 * {@code PULSe}), {@code boolean} (ON|OFF|1|0), {@code string} (a quoted string from a list), {@code none}, or
 * {@code arguments}: a command with several parameters (a trigger-model block, a buffer name and size) that is not a
 * setting; its behaviour reads them, as the row's {@code cite} documents. A
 * number answered as an integer (IEEE 488.2's NR1, as for {@code *ESE?}) says so with {@code integerReply}.
 */
public record ModelParameter(
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty("unit") String unit,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max,
        @JsonProperty("resolution") Double resolution,
        @JsonProperty("reset") JsonNode reset,
        @JsonProperty("keywords") List<String> keywords,
        @JsonProperty("choices") List<String> choices,
        @JsonProperty("integerReply") boolean integerReply) {

    static final String NUMBER = "number";
    static final String CHOICE = "choice";
    static final String BOOLEAN = "boolean";
    static final String STRING = "string";
    static final String NONE = "none";
    static final String ARGUMENTS = "arguments";

    public ModelParameter {
        if (!List.of(NUMBER, CHOICE, BOOLEAN, STRING, NONE, ARGUMENTS).contains(type)) {
            throw new IllegalArgumentException("parameter type must be number, choice, boolean, string, none or arguments, was '"
                    + type + "'");
        }
        unit = unit == null ? "" : unit.toUpperCase(java.util.Locale.ROOT);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        choices = choices == null ? List.of() : List.copyOf(choices);
        resolution = resolution == null ? 0.0 : resolution;
        if (type.equals(NUMBER) && (min == null || max == null || !(min <= max))) {
            throw new IllegalArgumentException("a number parameter needs min <= max, got " + min + ", " + max);
        }
        if ((type.equals(CHOICE) || type.equals(STRING)) && choices.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " parameter needs its \"choices\"");
        }
    }

    /** The same parameter with a model's override of its range, resolution or reset value applied. */
    ModelParameter overriddenBy(ModelOverride override) {
        return new ModelParameter(type, unit,
                override.min() != null ? override.min() : min,
                override.max() != null ? override.max() : max,
                override.resolution() != null ? override.resolution() : resolution,
                override.reset() != null && !override.reset().isNull() ? override.reset() : reset,
                keywords, choices, integerReply);
    }

    /** True when the manual lets the keyword (long form, e.g. "MINimum") stand for a value. */
    boolean acceptsKeyword(String longForm) {
        return keywords.stream().anyMatch(k -> k.equalsIgnoreCase(longForm));
    }

    /** Rounds to the resolution, the way the instrument stores a value it accepted. */
    double coerce(double value) {
        return resolution > 0 && Double.isFinite(value) ? Math.round(value / resolution) * resolution : value;
    }
}

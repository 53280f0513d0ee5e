package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The range of one numeric instrument setting as an instrument model defines it: the smallest and largest accepted
 * value, the resolution the instrument coerces to (0 for none) and the value after {@code *RST}. Units are those of
 * the setting's name in the model file ({@code pulseWidthSeconds}, {@code sourceVoltageVolts}, ...).
 */
public record SettingLimits(
        @JsonProperty(value = "min", required = true) double min,
        @JsonProperty(value = "max", required = true) double max,
        @JsonProperty("resolution") double resolution,
        @JsonProperty(value = "reset", required = true) double reset) {

    public SettingLimits {
        if (!(min <= reset && reset <= max)) {
            throw new IllegalArgumentException("setting limits need min <= reset <= max, got " + min + ", " + reset + ", " + max);
        }
        if (resolution < 0) {
            throw new IllegalArgumentException("setting resolution must be >= 0, was " + resolution);
        }
    }

    /** Rounds to the resolution, the way the instrument stores a value it accepted. */
    public double coerce(double value) {
        return resolution > 0 ? Math.round(value / resolution) * resolution : value;
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}

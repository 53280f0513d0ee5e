package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Map;

/**
 * Definition of one simulated instrument model, read from {@code mock-instruments/models/<model>.json}: which
 * simulator implements it ({@code kind}), its {@code *IDN?} reply, channel count, reply formats (numbers, error queue
 * entries, the overflow value), the text of each SCPI error code, the error queue capacity and the numeric limits of
 * its settings. Keeping these as data lets a second model of the same family be added without code.
 */
public record InstrumentModel(
        @JsonProperty(value = "kind", required = true) String kind,
        @JsonProperty(value = "idn", required = true) String idn,
        @JsonProperty(value = "channels", required = true) int channels,
        @JsonProperty(value = "numberFormat", required = true) String numberFormat,
        @JsonProperty(value = "errorFormat", required = true) String errorFormat,
        @JsonProperty(value = "noErrorReply", required = true) String noErrorReply,
        @JsonProperty("overflowReply") String overflowReply,
        @JsonProperty(value = "errorQueueCapacity", required = true) int errorQueueCapacity,
        @JsonProperty(value = "errorMessages", required = true) Map<Integer, String> errorMessages,
        @JsonProperty(value = "limits", required = true) Map<String, SettingLimits> limits,
        @JsonProperty("sourceImpedanceOhms") double sourceImpedanceOhms,
        @JsonProperty("maxOpenCircuitVolts") double maxOpenCircuitVolts) {

    public InstrumentModel {
        if (channels < 1) {
            throw new IllegalArgumentException("model field 'channels' must be >= 1, was " + channels);
        }
        if (errorQueueCapacity < 2) {
            throw new IllegalArgumentException("model field 'errorQueueCapacity' must be >= 2, was " + errorQueueCapacity);
        }
        // SCPI's conventional overflow value, for models that do not spell their own.
        overflowReply = overflowReply == null ? "9.9E+37" : overflowReply;
        errorMessages = Map.copyOf(errorMessages);
        limits = Map.copyOf(limits);
    }

    /** The limits of a named setting; a model file that lacks one its simulator needs is a configuration error. */
    public SettingLimits limit(String settingName) {
        SettingLimits found = limits.get(settingName);
        if (found == null) {
            throw new SimulationException("instrument model " + idn + " has no limits for '" + settingName
                    + "': add it under \"limits\" in its model file");
        }
        return found;
    }

    /** A number as this model prints it in a query reply. */
    public String formatNumber(double value) {
        return String.format(Locale.ROOT, numberFormat, value);
    }

    /** One error queue entry as this model prints it. */
    public String formatError(int code) {
        if (code == 0) {
            return noErrorReply;
        }
        String text = errorMessages.getOrDefault(code, "Unknown error");
        return String.format(Locale.ROOT, errorFormat, code, text);
    }
}

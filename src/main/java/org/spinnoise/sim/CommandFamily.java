package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The command table a family of instrument models shares, read from {@code models/<family>.commands.json}: the
 * programming manual it is taken from, how the instrument formats replies, its error queue, the text of every error
 * number it may raise, every command row with its citation, the documented conflicts between settings, and what could
 * not be found in the manual.
 */
public record CommandFamily(
        @JsonProperty(value = "family", required = true) String family,
        @JsonProperty(value = "manual", required = true) String manual,
        @JsonProperty(value = "replyFormats", required = true) ReplyFormats replyFormats,
        @JsonProperty(value = "errorQueueCapacity", required = true) int errorQueueCapacity,
        @JsonProperty("errorQueueCapacityCite") String errorQueueCapacityCite,
        @JsonProperty(value = "errorMessages", required = true) Map<Integer, String> errorMessages,
        @JsonProperty("errorMessageCites") String errorMessageCites,
        @JsonProperty(value = "commands", required = true) List<ModelCommand> commands,
        @JsonProperty("rules") List<ModelRule> rules,
        @JsonProperty("notFound") List<String> notFound) {

    /** How replies are printed: numbers, error queue entries, the empty queue and the overflow reading. */
    public record ReplyFormats(
            @JsonProperty(value = "number", required = true) String number,
            @JsonProperty(value = "error", required = true) String error,
            @JsonProperty(value = "noError", required = true) String noError,
            @JsonProperty("overflow") String overflow,
            @JsonProperty(value = "cite", required = true) String cite) {
    }

    public CommandFamily {
        if (errorQueueCapacity < 2) {
            throw new IllegalArgumentException("\"errorQueueCapacity\" must be >= 2, was " + errorQueueCapacity);
        }
        errorMessages = Map.copyOf(errorMessages);
        commands = List.copyOf(commands);
        rules = rules == null ? List.of() : List.copyOf(rules);
        notFound = notFound == null ? List.of() : List.copyOf(notFound);
    }
}

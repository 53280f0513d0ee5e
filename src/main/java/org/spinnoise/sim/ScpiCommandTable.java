package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The command set of one simulated instrument: a list of header patterns, each with the action run when it is sent
 * as a command and the answer computed when it is sent as a query (either may be absent). Lookup tries patterns in
 * the order they were added and returns the first match with the channel its header suffix selected.
 */
final class ScpiCommandTable {
    /** What a command does; {@code channel} comes from the header suffix. */
    @FunctionalInterface
    interface Action {
        void run(int channel, Parameters parameters) throws ScpiError;
    }

    /** What a query answers, already formatted as the instrument prints it. */
    @FunctionalInterface
    interface Answer {
        String compute(int channel, Parameters parameters) throws ScpiError;
    }

    /** One row of the table. */
    record Entry(HeaderPattern pattern, Action action, Answer answer) {
    }

    /** A row found for a received header, with the channel selected. */
    record Found(Entry entry, int channel) {
    }

    private final List<Entry> entries = new ArrayList<>();

    ScpiCommandTable command(String pattern, Action action, Answer answer) {
        entries.add(new Entry(HeaderPattern.of(pattern), action, answer));
        return this;
    }

    ScpiCommandTable setOnly(String pattern, Action action) {
        return command(pattern, action, null);
    }

    ScpiCommandTable queryOnly(String pattern, Answer answer) {
        return command(pattern, null, answer);
    }

    Found find(List<HeaderToken> header) {
        for (Entry entry : entries) {
            HeaderPattern.Match match = entry.pattern().match(header);
            if (match != null) {
                return new Found(entry, match.channel());
            }
        }
        return null;
    }
}

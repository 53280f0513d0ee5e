package org.spinnoise.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The present value of every setting of one simulated instrument, per channel: numbers as Double, choices and
 * strings as their canonical text, switches as Boolean. {@link #reset} restores the *RST values of the command table.
 */
final class SettingStore {
    private final int channels;
    private final Map<String, Object[]> values = new HashMap<>();
    private final Map<String, Object> resetValues = new HashMap<>();

    SettingStore(int channels) {
        this.channels = channels;
    }

    /** Declares a setting and its *RST value (null when the manual gives none). */
    void declare(String state, Object resetValue) {
        values.computeIfAbsent(state, s -> new Object[channels + 1]);
        resetValues.putIfAbsent(state, resetValue);
    }

    boolean has(String state) {
        return values.containsKey(state);
    }

    void reset() {
        values.forEach((state, perChannel) -> java.util.Arrays.fill(perChannel, resetValues.get(state)));
    }

    Object get(String state, int channel) {
        Object[] perChannel = values.get(state);
        if (perChannel == null) {
            throw new SimulationException("the simulator read setting '" + state
                    + "', which its model's command table does not define");
        }
        return perChannel[channel];
    }

    double number(String state, int channel) {
        Object value = get(state, channel);
        return value == null ? Double.NaN : (Double) value;
    }

    String text(String state, int channel) {
        return (String) get(state, channel);
    }

    boolean flag(String state, int channel) {
        return Boolean.TRUE.equals(get(state, channel));
    }

    void put(String state, int channel, Object value) {
        Object[] perChannel = values.get(state);
        if (perChannel == null) {
            throw new SimulationException("the simulator wrote setting '" + state
                    + "', which its model's command table does not define");
        }
        perChannel[channel] = value;
    }
}

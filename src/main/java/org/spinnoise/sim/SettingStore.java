package org.spinnoise.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The present value of every setting of one simulated instrument, per channel: numbers as Double, choices and
 * strings as their canonical text, switches as Boolean. {@link #reset} restores the *RST values of the command table,
 * except for settings the manual says *RST leaves alone.
 */
final class SettingStore {
    private final int channels;
    private final Map<String, Object[]> values = new HashMap<>();
    private final Map<String, Object> resetValues = new HashMap<>();
    private final Set<String> keptByReset = new HashSet<>();

    SettingStore(int channels) {
        this.channels = channels;
    }

    /** Declares a setting, its *RST value, and whether *RST leaves it alone (it still starts at that value). */
    void declare(String state, Object resetValue, boolean kept) {
        values.computeIfAbsent(state, s -> {
            Object[] perChannel = new Object[channels + 1];
            Arrays.fill(perChannel, resetValue);
            return perChannel;
        });
        resetValues.putIfAbsent(state, resetValue);
        if (kept) {
            keptByReset.add(state);
        }
    }

    void reset() {
        values.forEach((state, perChannel) -> {
            if (!keptByReset.contains(state)) {
                Arrays.fill(perChannel, resetValues.get(state));
            }
        });
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

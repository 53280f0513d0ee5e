package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the documented Trueform rules make of one accepted setting, written from the rules of
 * {@code keysight-trueform.commands.json} (not from the simulator): widthBelowPeriod (a width too long for the period
 * becomes period minus the minimum width), periodAdjustsWidthAndEdges (a period too short for the width shortens
 * the width), highBelowLow and lowAboveHigh (the other level moves to 1 mV beyond the one set, guide p. 323) and
 * levelWindow (levels beyond ±maxOpenCircuitVolts/((R+50)/R) at the present load are clipped), offsetWindow (an
 * offset beyond the window less half the amplitude moves to that bound, amplitude kept). Each adjustment queues
 * the error its rule documents (0 queues nothing). Used for the table rows these rules touch; every other number row
 * simply keeps the value sent.
 */
final class TrueformAdjustments {
    static final String WIDTH = SimulatedTrueform.WIDTH;
    static final String PERIOD = SimulatedTrueform.PERIOD;
    static final String HIGH = SimulatedTrueform.HIGH;
    static final String LOW = SimulatedTrueform.LOW;
    static final String AMPLITUDE = SimulatedTrueform.AMPLITUDE;
    static final String OFFSET = SimulatedTrueform.OFFSET;
    static final String LOAD = SimulatedTrueform.LOAD;
    /** Guide p. 323: a level pushed past the other one leaves it 1 mV away. */
    static final double LEVEL_SEPARATION_VOLTS = 1e-3;

    /** Settings the instrument holds after the value is accepted, and the errors it queues, in order. */
    record Outcome(Map<String, Double> settings, List<Integer> errors) {
    }

    private TrueformAdjustments() {
    }

    /** True for the rows whose accepted values the rules may change. */
    static boolean governs(String state) {
        return List.of(WIDTH, PERIOD, HIGH, LOW, AMPLITUDE, OFFSET).contains(state);
    }

    /** True for the level rows, whose window depends on the load setting. */
    static boolean isLevel(String state) {
        return List.of(HIGH, LOW, AMPLITUDE, OFFSET).contains(state);
    }

    /** The outcome of setting {@code state} to {@code value} on channel 1 of the probe's instrument as it is now. */
    static Outcome expected(InstrumentProbe probe, String state, double value) {
        InstrumentModel model = probe.model();
        double minWidth = model.parameterOf(WIDTH).min();
        List<Integer> errors = new ArrayList<>();
        Map<String, Double> settings = new LinkedHashMap<>();
        switch (state) {
            case WIDTH -> {
                double widest = probe.storedNumber(PERIOD) - minWidth;
                settings.put(WIDTH, value);
                if (value > widest) {
                    settings.put(WIDTH, widest);
                    addError(errors, model, "widthBelowPeriod");
                }
            }
            case PERIOD -> {
                settings.put(PERIOD, value);
                double widest = value - minWidth;
                if (probe.storedNumber(WIDTH) > widest) {
                    settings.put(WIDTH, Math.max(minWidth, widest));
                    addError(errors, model, "periodAdjustsWidthAndEdges");
                }
            }
            case HIGH -> {
                double low = probe.storedNumber(LOW);
                if (value <= low) {
                    addError(errors, model, "highBelowLow");
                    low = value - LEVEL_SEPARATION_VOLTS;
                }
                clipToWindow(probe, value, low, settings, errors);
            }
            case LOW -> {
                double high = probe.storedNumber(HIGH);
                if (value >= high) {
                    addError(errors, model, "lowAboveHigh");
                    high = value + LEVEL_SEPARATION_VOLTS;
                }
                clipToWindow(probe, high, value, settings, errors);
            }
            case AMPLITUDE -> {
                double offset = probe.storedNumber(OFFSET);
                clipToWindow(probe, offset + value / 2, offset - value / 2, settings, errors);
            }
            case OFFSET -> {
                // offsetWindow: an offset the amplitude leaves no room for moves to the largest allowed, amplitude
                // kept (guide p. 87).
                double halfAmplitude = probe.storedNumber(AMPLITUDE) / 2;
                double room = window(probe) - halfAmplitude;
                double offset = value;
                if (Math.abs(offset) > room) {
                    addError(errors, model, "offsetWindow");
                    offset = Math.copySign(room, offset);
                }
                clipToWindow(probe, offset + halfAmplitude, offset - halfAmplitude, settings, errors);
                settings.put(OFFSET, offset);
            }
            default -> throw new IllegalArgumentException("no Trueform rule governs " + state);
        }
        return new Outcome(settings, errors);
    }

    /** The levelWindow rule: both levels within the output's range at the present load, 1 mV apart. */
    private static void clipToWindow(InstrumentProbe probe, double highVolts, double lowVolts,
                                     Map<String, Double> settings, List<Integer> errors) {
        InstrumentModel model = probe.model();
        double window = window(probe);
        double high = Math.max(-window + LEVEL_SEPARATION_VOLTS, Math.min(window, highVolts));
        double low = Math.max(-window, Math.min(window - LEVEL_SEPARATION_VOLTS, lowVolts));
        if (high != highVolts || low != lowVolts) {
            addError(errors, model, "levelWindow");
        }
        settings.put(HIGH, high);
        settings.put(LOW, low);
        settings.put(AMPLITUDE, high - low);
        settings.put(OFFSET, (high + low) / 2);
    }

    /** The largest level magnitude the output reaches at the present load setting. */
    private static double window(InstrumentProbe probe) {
        InstrumentModel model = probe.model();
        double loadOhms = probe.storedNumber(LOAD);
        double openCircuitFactor =
                Double.isInfinite(loadOhms) ? 1 : (loadOhms + model.outputImpedanceOhms()) / loadOhms;
        return model.maxOpenCircuitVolts() / openCircuitFactor;
    }

    private static void addError(List<Integer> errors, InstrumentModel model, String rule) {
        int code = model.rule(rule).error();
        if (code != 0) {
            errors.add(code);
        }
    }
}

package org.spinnoise.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulators the bench can start, by the {@code family} their model files name: one line per family, so a new
 * simulated instrument is added here and nowhere else in the bench.
 */
final class Simulators {
    /** Makes one simulated instrument for a role of the bench. */
    @FunctionalInterface
    interface Factory {
        ScpiInstrument create(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring,
                              FaultInjector faults, BenchTiming timing);
    }

    private static final Map<String, Factory> BY_FAMILY = new LinkedHashMap<>();

    static {
        BY_FAMILY.put("keysight-trueform", (model, role, wiring, faults, timing) ->
                new SimulatedTrueform(model, role, wiring, faults));
        BY_FAMILY.put("keithley-24xx", (model, role, wiring, faults, timing) ->
                new SimulatedKeithley2450(model, role, wiring.get(1), timing, faults));
        BY_FAMILY.put("keithley-2600b", (model, role, wiring, faults, timing) ->
                new SimulatedKeithley2600(model, role, wiring.get(1), timing, faults));
        BY_FAMILY.put("keysight-8116x", (model, role, wiring, faults, timing) ->
                new SimulatedKeysight8116x(model, role, wiring));
        BY_FAMILY.put("tektronix-afg31000", (model, role, wiring, faults, timing) ->
                new SimulatedAfg31000(model, role, wiring));
        BY_FAMILY.put("keysight-b2900", (model, role, wiring, faults, timing) ->
                new SimulatedKeysightB2900(model, role, wiring.get(1), timing, faults));
        BY_FAMILY.put("keithley-2400", (model, role, wiring, faults, timing) ->
                new SimulatedKeithley2400(model, role, wiring.get(1), timing, faults));
    }

    private Simulators() {
    }

    /** A simulator of the model's family, or a {@link SimulationException} naming the families there are. */
    static ScpiInstrument create(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring,
                                 FaultInjector faults, BenchTiming timing) {
        Factory factory = BY_FAMILY.get(model.kind());
        if (factory == null) {
            throw new SimulationException("Instrument '" + role + "' uses model " + model.name() + " of family '"
                    + model.kind() + "', which has no simulator; known families: " + BY_FAMILY.keySet());
        }
        return factory.create(model, role, wiring, faults, timing);
    }
}

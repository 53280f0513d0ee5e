package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trigger cables of a running simulated bench: which inputs an edge on each instrument output reaches. An edge is
 * delivered through the bench's {@link SimClock} at the modelled time it is sent, so the receiving instrument acts in
 * time order with everything else scheduled. Edges on an output wired to nothing go nowhere, as on a bench.
 */
final class TriggerLines {
    private record Input(ScpiInstrument instrument, String port) {
    }

    private final SimClock clock;
    private final Map<String, List<Input>> inputsByOutput = new HashMap<>();

    TriggerLines(SimClock clock) {
        this.clock = clock;
    }

    SimClock clock() {
        return clock;
    }

    /** Wires every line of the bench file, checking each end names a port its instrument has. */
    void wire(List<TriggerLineSpec> lines, Map<String, ScpiInstrument> instruments) {
        for (TriggerLineSpec line : lines) {
            ScpiInstrument source = instrument(instruments, line.from());
            String outPort = TriggerLineSpec.port(line.from());
            if (!source.triggerOutputs().contains(outPort)) {
                throw new SimulationException("trigger line from '" + line.from() + "': model " + source.model.name()
                        + " has no trigger output '" + outPort + "' (it has " + source.triggerOutputs() + ")");
            }
            for (String to : line.to()) {
                ScpiInstrument target = instrument(instruments, to);
                String inPort = TriggerLineSpec.port(to);
                if (!target.triggerInputs().contains(inPort)) {
                    throw new SimulationException("trigger line to '" + to + "': model " + target.model.name()
                            + " has no trigger input '" + inPort + "' (it has " + target.triggerInputs() + ")");
                }
                inputsByOutput.computeIfAbsent(key(source.role, outPort), k -> new ArrayList<>())
                        .add(new Input(target, inPort));
            }
        }
    }

    private static ScpiInstrument instrument(Map<String, ScpiInstrument> instruments, String end) {
        ScpiInstrument instrument = instruments.get(TriggerLineSpec.role(end));
        if (instrument == null) {
            throw new SimulationException("trigger line end '" + end + "' names no instrument of the bench (roles "
                    + instruments.keySet() + ")");
        }
        return instrument;
    }

    /**
     * Sends a trigger from an instrument's output at a modelled time: an edge without polarity when {@code pulse} is
     * null, else the pulse's leading edge then, and its trailing edge one pulse width later; each wired input
     * receives every edge at its time and acts on the one its slope selects.
     */
    void edge(String role, String outPort, double atSeconds, TriggerPulse pulse) {
        for (Input input : inputsByOutput.getOrDefault(key(role, outPort), List.of())) {
            if (pulse == null) {
                clock.at(atSeconds, () -> input.instrument().receiveTrigger(input.port(), atSeconds));
                continue;
            }
            boolean rises = pulse.leadingEdgeRises();
            double trailingSeconds = atSeconds + pulse.widthSeconds();
            clock.at(atSeconds, () -> input.instrument().receiveEdge(input.port(), atSeconds, rises, true));
            clock.at(trailingSeconds, () -> input.instrument().receiveEdge(input.port(), trailingSeconds, !rises,
                    false));
        }
    }

    private static String key(String role, String port) {
        return role + ":" + port;
    }
}

package org.spinnoise.sim;

import java.util.Map;
import java.util.Set;

/**
 * A simulated Keysight 81150A/81160A pulse generator serving its model's command table. A channel in the pulse
 * function whose arm source is EXTernal or MANual (edge sense) is in triggered mode: it rests at its pulse base and
 * each trigger delivers one pulse after its pulse delay (user's guide p. 92: one cycle per active edge; p. 658: the
 * delay is measured from the trigger). A trigger that arrives before the channel's pulse has ended is ignored (p. 92).
 * Levels are shown for the expected-load setting and the high-impedance junction sees the open-circuit voltage,
 * (R+50)/R times the shown level. Inversion mirrors the pulse about its offset (NOT FOUND in the guide; see the
 * table). Any other output that is on is taken to hold the larger of its levels, the worst case for the junction.
 */
final class SimulatedKeysight8116x extends ScpiInstrument {
    /** The external trigger input: 'the external input' of the guide (p. 567); connector name NOT FOUND. */
    static final String TRIGGER_INPUT = "ext-in";
    static final String WIDTH = PulseLevels.WIDTH;
    static final String PERIOD = PulseLevels.PERIOD;
    static final String DELAY = "pulseDelaySeconds";
    static final String HIGH = PulseLevels.HIGH;
    static final String LOW = PulseLevels.LOW;
    static final String LOAD = "loadOhms";
    static final String POLARITY = "polarity";
    static final String OUTPUT = "outputOn";
    static final String FUNCTION = "function";
    static final String ARM_SOURCE = "armSource";
    static final String ARM_SENSE = "armSense";
    /** Period > width + 1.6 edge (p. 142); edge time NOT FOUND, so the rule is period > width. */
    private static final String RULE_WIDTH_IN_PERIOD = "periodCoversWidth";

    private final Map<Integer, JunctionNode> wiring;
    private final TriggeredPulses pulses;

    SimulatedKeysight8116x(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring) {
        super(model, role);
        this.wiring = Map.copyOf(wiring);
        this.pulses = new TriggeredPulses(role, model.channels());
        serveCommandTable();
    }

    @Override
    protected Set<String> behaviours() {
        Set<String> known = super.behaviours();
        known.add("event:trigger");
        return known;
    }

    @Override
    protected Set<String> triggerInputs() {
        return Set.of(TRIGGER_INPUT);
    }

    @Override
    protected Object beforeSet(String state, int ch, Object value) throws ScpiError {
        PulseLevels.refuseBrokenRule(model, settings, RULE_WIDTH_IN_PERIOD, state, ch, value);
        return value;
    }

    @Override
    protected void afterSet(String state, int ch) {
        updateIdleLevel(ch);
    }

    @Override
    protected void resetBehaviour() {
        pulses.reset();
        for (int ch = 1; ch <= model.channels(); ch++) {
            updateIdleLevel(ch);
        }
    }

    /** The software trigger fires every channel armed on MANual, at once (which channels it fires: NOT FOUND). */
    @Override
    protected void event(String state, int ch) {
        double longestSeconds = 0;
        for (int channel = 1; channel <= model.channels(); channel++) {
            if (triggered(channel) && "MAN".equals(settings.text(ARM_SOURCE, channel))) {
                JunctionNode node = wiring.get(channel);
                if (node != null) {
                    node.pulse(source(channel), pulseVolts(channel), number(WIDTH, channel));
                }
                pulses.delivered(channel, 1);
                longestSeconds = Math.max(longestSeconds, number(DELAY, channel) + number(WIDTH, channel));
            }
        }
        spend(longestSeconds);
    }

    /** :ARM:SLOPe POSitive, NEGative or EITHer selects the edges that trigger (guide p. 92; table row). */
    @Override
    protected void onEdge(String inPort, double atSeconds, boolean rising, boolean leading) {
        String slope = settings.text("armSlope", 1);
        if ("EITH".equals(slope) || "POS".equals(slope) == rising) {
            onTrigger(inPort, atSeconds);
        }
    }

    @Override
    protected void onTrigger(String inPort, double atSeconds) {
        for (int ch = 1; ch <= model.channels(); ch++) {
            if (!triggered(ch) || !"EXT".equals(settings.text(ARM_SOURCE, ch))) {
                continue;
            }
            // p. 92: a trigger before the current cycle has finished is ignored, without an error number.
            if (pulses.ignores(ch, atSeconds)) {
                continue;
            }
            double startSeconds = atSeconds + number(DELAY, ch);
            double widthSeconds = number(WIDTH, ch);
            pulses.schedule(clock(), ch, wiring.get(ch), pulseVolts(ch), widthSeconds, startSeconds, widthSeconds, 1,
                    startSeconds + widthSeconds);
        }
    }

    /** Pulses channel {@code ch} has delivered. */
    long pulsesDelivered(int ch) {
        return pulses.pulsesDelivered(ch);
    }

    /** Edges channel {@code ch} ignored because its previous pulse had not ended. */
    long triggersIgnored(int ch) {
        return pulses.triggersIgnored(ch);
    }

    private void updateIdleLevel(int ch) {
        JunctionNode node = wiring.get(ch);
        if (node != null) {
            node.setLevel(source(ch), idleVolts(ch));
        }
    }

    private double idleVolts(int ch) {
        if (!settings.flag(OUTPUT, ch)) {
            return 0;
        }
        double factor = openCircuitFactor(ch);
        if (triggered(ch)) {
            return PulseLevels.baseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch)) * factor;
        }
        return PulseLevels.largerVolts(number(HIGH, ch), number(LOW, ch)) * factor;
    }

    private double pulseVolts(int ch) {
        return PulseLevels.pulseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch)) * openCircuitFactor(ch);
    }

    /** Pulse function, output on, edge-armed on an external or manual source: one pulse per trigger (p. 92). */
    private boolean triggered(int ch) {
        String source = settings.text(ARM_SOURCE, ch);
        return "PULS".equals(settings.text(FUNCTION, ch)) && settings.flag(OUTPUT, ch)
                && "EDGE".equals(settings.text(ARM_SENSE, ch)) && ("EXT".equals(source) || "MAN".equals(source));
    }

    private boolean inverted(int ch) {
        return "INV".equals(settings.text(POLARITY, ch));
    }

    private double openCircuitFactor(int ch) {
        return PulseLevels.openCircuitFactor(number(LOAD, ch), model.outputImpedanceOhms());
    }

    private double number(String state, int ch) {
        return settings.number(state, ch);
    }

    private String source(int ch) {
        return role + " ch" + ch;
    }
}

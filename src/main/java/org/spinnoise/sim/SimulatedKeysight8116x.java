package org.spinnoise.sim;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedKeysight8116x.class);
    /** The external trigger input: 'the external input' of the guide (p. 567); connector name NOT FOUND. */
    static final String TRIGGER_INPUT = "ext-in";
    static final String WIDTH = "pulseWidthSeconds";
    static final String PERIOD = "pulsePeriodSeconds";
    static final String DELAY = "pulseDelaySeconds";
    static final String HIGH = "highLevelVolts";
    static final String LOW = "lowLevelVolts";
    static final String LOAD = "loadOhms";
    static final String POLARITY = "polarity";
    static final String OUTPUT = "outputOn";
    static final String FUNCTION = "function";
    static final String ARM_SOURCE = "armSource";
    static final String ARM_SENSE = "armSense";

    private final Map<Integer, JunctionNode> wiring;
    private final long[] pulsesDelivered;
    private final long[] triggersIgnored;
    private final double[] busyUntilSeconds;

    SimulatedKeysight8116x(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring) {
        super(model, role);
        this.wiring = Map.copyOf(wiring);
        this.pulsesDelivered = new long[model.channels() + 1];
        this.triggersIgnored = new long[model.channels() + 1];
        this.busyUntilSeconds = new double[model.channels() + 1];
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
        switch (state) {
            case WIDTH -> requireWidthBelowPeriod((Double) value, number(PERIOD, ch));
            case PERIOD -> requireWidthBelowPeriod(number(WIDTH, ch), (Double) value);
            case HIGH -> requireHighAboveLow((Double) value, number(LOW, ch));
            case LOW -> requireHighAboveLow(number(HIGH, ch), (Double) value);
            default -> {
            }
        }
        return value;
    }

    /** Period > width + 1.6 edge (p. 142); edge time NOT FOUND, so the rule is period > width. */
    private void requireWidthBelowPeriod(double widthSeconds, double periodSeconds) throws ScpiError {
        if (widthSeconds >= periodSeconds) {
            throw ruleRefused("periodCoversWidth", "width " + widthSeconds + " s does not fit period "
                    + periodSeconds + " s");
        }
    }

    private void requireHighAboveLow(double highVolts, double lowVolts) throws ScpiError {
        if (highVolts <= lowVolts) {
            throw ruleRefused("levelOrder", "high " + highVolts + " V not above low " + lowVolts + " V");
        }
    }

    private ScpiError ruleRefused(String rule, String why) {
        return new ScpiError(model.rule(rule).error(), why);
    }

    @Override
    protected void afterSet(String state, int ch) {
        updateIdleLevel(ch);
    }

    @Override
    protected void resetBehaviour() {
        for (int ch = 1; ch <= model.channels(); ch++) {
            busyUntilSeconds[ch] = 0;
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
                pulsesDelivered[channel]++;
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
            if (atSeconds < busyUntilSeconds[ch]) {
                // p. 92: a trigger before the current cycle has finished is ignored, without an error number.
                triggersIgnored[ch]++;
                LOG.debug("{} channel {}: edge at {} s ignored, busy until {} s", role, ch, atSeconds,
                        busyUntilSeconds[ch]);
                continue;
            }
            double startSeconds = atSeconds + number(DELAY, ch);
            double widthSeconds = number(WIDTH, ch);
            busyUntilSeconds[ch] = startSeconds + widthSeconds;
            double volts = pulseVolts(ch);
            JunctionNode node = wiring.get(ch);
            int channel = ch;
            clock().at(startSeconds, () -> {
                if (node != null) {
                    node.pulse(source(channel), volts, widthSeconds);
                }
                pulsesDelivered[channel]++;
            });
        }
    }

    /** Pulses channel {@code ch} has delivered. */
    synchronized long pulsesDelivered(int ch) {
        return pulsesDelivered[ch];
    }

    /** Edges channel {@code ch} ignored because its previous pulse had not ended. */
    synchronized long triggersIgnored(int ch) {
        return triggersIgnored[ch];
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
        double factor = openCircuitFactor(number(LOAD, ch));
        if (triggered(ch)) {
            return (inverted(ch) ? number(HIGH, ch) : number(LOW, ch)) * factor;
        }
        double high = number(HIGH, ch);
        double low = number(LOW, ch);
        return (Math.abs(high) >= Math.abs(low) ? high : low) * factor;
    }

    private double pulseVolts(int ch) {
        return (inverted(ch) ? number(LOW, ch) : number(HIGH, ch)) * openCircuitFactor(number(LOAD, ch));
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

    private double openCircuitFactor(double loadOhms) {
        return Double.isInfinite(loadOhms) ? 1.0 : (loadOhms + model.outputImpedanceOhms()) / loadOhms;
    }

    private double number(String state, int ch) {
        return settings.number(state, ch);
    }

    private String source(int ch) {
        return role + " ch" + ch;
    }
}

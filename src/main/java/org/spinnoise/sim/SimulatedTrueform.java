package org.spinnoise.sim;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Keysight 33500B/33600A Trueform waveform generator serving its model's command table. What each
 * output puts on its junction follows the manual: levels are shown for the {@code OUTPut:LOAD} setting and the
 * high-impedance junction sees the open-circuit voltage, {@code (R+50)/R} times the shown level (twice at 50 Ω);
 * inverted polarity mirrors the waveform about the offset; in triggered burst mode a pulse output rests at its idle
 * level and each trigger delivers NCYCles pulses of the pulse level. An output that runs free (on, but not a
 * triggered pulse burst) is taken to hold the larger of its levels, the worst case for the junction. The rules
 * between settings adjust values as the guide describes (a width too long for the period is shortened, a high
 * level set below the low one moves the low level 1 mV under it, levels beyond the output's range at this load are
 * clipped) and queue the errors the table gives.
 */
final class SimulatedTrueform extends ScpiInstrument {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedTrueform.class);
    static final String WIDTH = "pulseWidthSeconds";
    static final String PERIOD = "pulsePeriodSeconds";
    static final String HIGH = "highLevelVolts";
    static final String LOW = "lowLevelVolts";
    static final String AMPLITUDE = "amplitudeVolts";
    static final String OFFSET = "offsetVolts";
    static final String LOAD = "loadOhms";
    static final String POLARITY = "polarity";
    static final String TRIGGER_SLOPE = "triggerSlope";
    static final String OUTPUT = "outputOn";
    static final String FUNCTION = "function";
    static final String BURST = "burstOn";
    static final String BURST_MODE = "burstMode";
    static final String CYCLES = "burstCycles";
    static final String TRIGGER_SOURCE = "triggerSource";
    static final String TRIGGER_DELAY = "triggerDelaySeconds";
    /** The rear-panel Ext Trig input (Agilent 33500 Series Operating and Service Guide, TRIGger subsystem, p. 318). */
    static final String EXT_TRIG = "ext-trig";

    /** The gap the instrument leaves when it moves one level past the other (guide p. 323: 1 mV). */
    private static final double LEVEL_SEPARATION_VOLTS = 1e-3;

    private final Map<Integer, JunctionNode> wiring;
    private final FaultInjector faults;
    /** Pulses delivered, and per channel the modelled time its externally triggered burst ends. */
    private final TriggeredPulses pulses;

    SimulatedTrueform(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring, FaultInjector faults) {
        super(model, role);
        this.wiring = Map.copyOf(wiring);
        this.faults = faults;
        this.pulses = new TriggeredPulses(role, model.channels());
        serveCommandTable();
    }

    @Override
    protected Set<String> behaviours() {
        Set<String> known = super.behaviours();
        known.addAll(Set.of("event:trigger", "event:busTrigger"));
        return known;
    }

    @Override
    protected Object beforeSet(String state, int ch, Object value) throws ScpiError {
        switch (state) {
            case WIDTH -> {
                // The width must stay below the period less the minimum width; the instrument shortens it to fit.
                double widest = number(PERIOD, ch) - minimumWidthSeconds();
                if ((Double) value > widest) {
                    ruleAdjusted("widthBelowPeriod");
                    return widest;
                }
            }
            case PERIOD -> {
                // A period too short for the width in force keeps the period and shortens the width.
                double widest = (Double) value - minimumWidthSeconds();
                if (number(WIDTH, ch) > widest) {
                    ruleAdjusted("periodAdjustsWidthAndEdges");
                    settings.put(WIDTH, ch, Math.max(minimumWidthSeconds(), widest));
                }
            }
            case HIGH -> {
                double high = (Double) value;
                double low = number(LOW, ch);
                if (high <= low) {
                    ruleAdjusted("highBelowLow");
                    low = high - LEVEL_SEPARATION_VOLTS;
                }
                return setLevels(ch, high, low)[0];
            }
            case LOW -> {
                double low = (Double) value;
                double high = number(HIGH, ch);
                if (low >= high) {
                    ruleAdjusted("lowAboveHigh");
                    high = low + LEVEL_SEPARATION_VOLTS;
                }
                return setLevels(ch, high, low)[1];
            }
            case AMPLITUDE -> {
                double offset = number(OFFSET, ch);
                return amplitude(setLevels(ch, offset + (Double) value / 2, offset - (Double) value / 2));
            }
            case OFFSET -> {
                // An offset the amplitude leaves no room for moves to the largest allowed, amplitude kept (p. 87).
                double halfAmplitude = number(AMPLITUDE, ch) / 2;
                double room = levelWindowVolts(ch) - halfAmplitude;
                double offset = (Double) value;
                if (Math.abs(offset) > room) {
                    ruleAdjusted("offsetWindow");
                    offset = Math.copySign(room, offset);
                }
                setLevels(ch, offset + halfAmplitude, offset - halfAmplitude);
                return offset;
            }
            case LOAD -> rescaleForLoad(ch, (Double) value);
            default -> {
            }
        }
        return value;
    }

    /** The largest level magnitude the output can show at its present load setting. */
    private double levelWindowVolts(int ch) {
        return model.maxOpenCircuitVolts() / openCircuitFactor(number(LOAD, ch));
    }

    private double minimumWidthSeconds() {
        return model.parameterOf(WIDTH).min();
    }

    private static double amplitude(double[] levels) {
        return levels[0] - levels[1];
    }

    /**
     * Stores high and low, which change together with amplitude and offset (another view of the same two levels),
     * after clipping them to the output's range at this load; returns the levels kept.
     */
    private double[] setLevels(int ch, double highVolts, double lowVolts) {
        double limit = levelWindowVolts(ch);
        double high = Math.max(-limit + LEVEL_SEPARATION_VOLTS, Math.min(limit, highVolts));
        double low = Math.max(-limit, Math.min(limit - LEVEL_SEPARATION_VOLTS, lowVolts));
        if (high != highVolts || low != lowVolts) {
            LOG.debug("{} channel {}: levels {}/{} V clipped to {}/{} V at this load", role, ch, highVolts, lowVolts,
                    high, low);
            ruleAdjusted("levelWindow");
        }
        settings.put(HIGH, ch, high);
        settings.put(LOW, ch, low);
        settings.put(AMPLITUDE, ch, high - low);
        settings.put(OFFSET, ch, (high + low) / 2);
        return new double[] {high, low};
    }

    /** A new load setting keeps the physical output and changes the levels shown for it. */
    private void rescaleForLoad(int ch, double newLoadOhms) {
        double scale = openCircuitFactor(number(LOAD, ch)) / openCircuitFactor(newLoadOhms);
        for (String level : new String[] {HIGH, LOW, AMPLITUDE, OFFSET}) {
            settings.put(level, ch, number(level, ch) * scale);
        }
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

    @Override
    protected void event(String state, int ch) throws ScpiError {
        if (state.equals("event:trigger")) {
            trigger(ch);
        } else {
            for (int channel = 1; channel <= model.channels(); channel++) {
                if ("BUS".equals(settings.text(TRIGGER_SOURCE, channel))) {
                    trigger(channel);
                }
            }
        }
    }

    /** One trigger event on a channel, unless the bench's faults make the instrument refuse it. */
    private void trigger(int ch) throws ScpiError {
        if (faults.takeIgnoredTrigger(role)) {
            throw new ScpiError(ScpiError.TRIGGER_IGNORED, "channel " + ch + " trigger refused (injected fault)");
        }
        JunctionNode node = wiring.get(ch);
        if (!armedForTriggeredPulses(ch) || node == null) {
            LOG.debug("{} channel {} trigger delivers nothing: function {}, burst {} {}, output {}, wired {}", role, ch,
                    settings.text(FUNCTION, ch), settings.flag(BURST, ch), settings.text(BURST_MODE, ch),
                    settings.flag(OUTPUT, ch), node != null);
            return;
        }
        double pulseVolts = pulseVolts(ch);
        long cycles = Math.round(number(CYCLES, ch));
        for (long i = 0; i < cycles; i++) {
            node.pulse(source(ch), pulseVolts, number(WIDTH, ch));
        }
        pulses.delivered(ch, cycles);
        // A burst lasts its cycles times the period, and *OPC? answers only once it is complete.
        spend(cycles * number(PERIOD, ch));
    }

    @Override
    protected Set<String> triggerInputs() {
        return Set.of(EXT_TRIG);
    }

    /**
     * An edge at Ext Trig: each channel armed for triggered pulse bursts with trigger source EXTernal fires its burst
     * after its trigger delay, scheduled on the bench clock. "External trigger signals that arrive during a burst are
     * ignored" (Keysight EDU33212-90002 Ed. 4 [sibling] p. 139): a channel still busy with the delay or the burst of
     * an earlier edge delivers nothing for this one. An edge without polarity fires every such channel.
     */
    @Override
    protected void onTrigger(String inPort, double atSeconds) {
        fire(atSeconds, ch -> true);
    }

    /**
     * One edge of a polarised trigger pulse: only channels whose TRIGger[1|2]:SLOPe selects it fire (POSitive =
     * rising edge, guide p. 140, 144 [sibling]); a channel on the other slope fires on the pulse's other edge.
     */
    @Override
    protected void onEdge(String inPort, double atSeconds, boolean rising, boolean leading) {
        fire(atSeconds, ch -> "POS".equals(settings.text(TRIGGER_SLOPE, ch)) == rising);
    }

    private void fire(double atSeconds, java.util.function.IntPredicate slopeMatches) {
        boolean anyChannel = false;
        for (int ch = 1; ch <= model.channels(); ch++) {
            anyChannel |= slopeMatches.test(ch) && "EXT".equals(settings.text(TRIGGER_SOURCE, ch))
                    && armedForTriggeredPulses(ch);
        }
        if (!anyChannel) {
            return;
        }
        if (faults.takeIgnoredTrigger(role)) {
            // An injected lost edge: nothing fires, and (as for an edge ignored during a burst) nothing is queued.
            LOG.debug("{}: edge at {} s lost (injected fault)", role, atSeconds);
            return;
        }
        for (int ch = 1; ch <= model.channels(); ch++) {
            if (!slopeMatches.test(ch) || !"EXT".equals(settings.text(TRIGGER_SOURCE, ch))
                    || !armedForTriggeredPulses(ch)) {
                continue;
            }
            JunctionNode node = wiring.get(ch);
            if (node == null || pulses.ignores(ch, atSeconds)) {
                continue;
            }
            double delay = number(TRIGGER_DELAY, ch);
            long cycles = Math.round(number(CYCLES, ch));
            double period = number(PERIOD, ch);
            pulses.schedule(clock(), ch, node, pulseVolts(ch), number(WIDTH, ch), atSeconds + delay, period, cycles,
                    atSeconds + delay + cycles * period);
        }
    }

    /** Pulses channel {@code number} (1-based) has delivered to its junction. */
    long pulsesDelivered(int number) {
        return pulses.pulsesDelivered(number);
    }

    private void updateIdleLevel(int ch) {
        JunctionNode node = wiring.get(ch);
        if (node != null) {
            node.setLevel(source(ch), idleVolts(ch));
        }
    }

    /** What the output holds on the junction between triggers. */
    private double idleVolts(int ch) {
        if (!settings.flag(OUTPUT, ch)) {
            return 0;
        }
        double factor = openCircuitFactor(number(LOAD, ch));
        if (armedForTriggeredPulses(ch)) {
            return PulseLevels.baseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch)) * factor;
        }
        if ("DC".equals(settings.text(FUNCTION, ch))) {
            return number(OFFSET, ch) * factor;
        }
        return PulseLevels.largerVolts(number(HIGH, ch), number(LOW, ch)) * factor;
    }

    private boolean armedForTriggeredPulses(int ch) {
        return "PULS".equals(settings.text(FUNCTION, ch)) && settings.flag(BURST, ch)
                && "TRIG".equals(settings.text(BURST_MODE, ch)) && settings.flag(OUTPUT, ch);
    }

    private boolean inverted(int ch) {
        return "INV".equals(settings.text(POLARITY, ch));
    }

    private double openCircuitFactor(double loadOhms) {
        return PulseLevels.openCircuitFactor(loadOhms, model.outputImpedanceOhms());
    }

    private double pulseVolts(int ch) {
        return PulseLevels.pulseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch))
                * openCircuitFactor(number(LOAD, ch));
    }

    private double number(String state, int ch) {
        return settings.number(state, ch);
    }

    private String source(int ch) {
        return role + " ch" + ch;
    }
}

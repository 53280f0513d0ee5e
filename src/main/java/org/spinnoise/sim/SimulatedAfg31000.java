package org.spinnoise.sim;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A simulated Tektronix AFG31000 serving its model's command table. One trigger source serves both channels (the
 * sibling AFG3000's TRIGger:SOURce has no channel suffix); a channel in pulse function with a triggered burst and
 * its output on delivers NCYCles pulses per trigger, starting its trigger delay (BURSt:TDELay) after it, and ignores
 * triggers until that burst (delay + cycles x period) has ended (NOT FOUND in the sources; the conservative model).
 * With the timer as trigger source the output runs free and is taken to hold the larger of its levels. Between
 * bursts a channel holds the first point of its pulse, its base (BURSt:IDLE START; other idle settings are taken as
 * the worst case, the larger level). Inversion mirrors about the offset (sibling wording).
 */
final class SimulatedAfg31000 extends ScpiInstrument {
    /** The rear-panel trigger input; its printed name is NOT FOUND (the sibling names a 'Trigger Output connector'). */
    static final String TRIGGER_INPUT = "trigger-input";
    static final String WIDTH = PulseLevels.WIDTH;
    static final String PERIOD = PulseLevels.PERIOD;
    static final String DELAY = "triggerDelaySeconds";
    static final String HIGH = PulseLevels.HIGH;
    static final String LOW = PulseLevels.LOW;
    static final String LOAD = "loadOhms";
    static final String CYCLES = "burstCycles";
    /** The model's rule that a width must fit inside its period. */
    private static final String RULE_WIDTH_IN_PERIOD = "widthFitsPeriod";

    private final Map<Integer, JunctionNode> wiring;
    private final TriggeredPulses pulses;

    SimulatedAfg31000(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring) {
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
        // The trigger source is shared, so a change of it moves both channels' idle levels.
        for (int channel = 1; channel <= model.channels(); channel++) {
            updateIdleLevel(channel);
        }
    }

    @Override
    protected void resetBehaviour() {
        pulses.reset();
        for (int ch = 1; ch <= model.channels(); ch++) {
            updateIdleLevel(ch);
        }
    }

    /** A forced trigger (TRIGger[:IMMediate] or *TRG) fires every triggered channel, in the order of its delay. */
    @Override
    protected void event(String state, int ch) {
        double longestSeconds = 0;
        int[] armed = IntStream.rangeClosed(1, model.channels()).filter(this::triggered).boxed()
                .sorted(Comparator.comparingDouble(c -> number(DELAY, c))).mapToInt(Integer::intValue).toArray();
        for (int channel : armed) {
            long cycles = Math.round(number(CYCLES, channel));
            JunctionNode node = wiring.get(channel);
            for (long i = 0; i < cycles && node != null; i++) {
                node.pulse(source(channel), pulseVolts(channel), number(WIDTH, channel));
            }
            pulses.delivered(channel, cycles);
            longestSeconds = Math.max(longestSeconds, burstSeconds(channel));
        }
        spend(longestSeconds);
    }

    /** TRIGger[:SEQuence]:SLOPe POSitive takes rising edges, NEGative falling ones (table row). */
    @Override
    protected Boolean triggersOnRisingEdge(String inPort) {
        return "POS".equals(settings.text("triggerSlope", 1));
    }

    @Override
    protected void onTrigger(String inPort, double atSeconds) {
        if (!"EXT".equals(settings.text("triggerSource", 1))) {
            return;
        }
        for (int ch = 1; ch <= model.channels(); ch++) {
            if (!triggered(ch)) {
                continue;
            }
            if (pulses.ignores(ch, atSeconds)) {
                continue;
            }
            pulses.schedule(clock(), ch, wiring.get(ch), pulseVolts(ch), number(WIDTH, ch),
                    atSeconds + number(DELAY, ch), number(PERIOD, ch), Math.round(number(CYCLES, ch)),
                    atSeconds + burstSeconds(ch));
        }
    }

    long pulsesDelivered(int ch) {
        return pulses.pulsesDelivered(ch);
    }

    long triggersIgnored(int ch) {
        return pulses.triggersIgnored(ch);
    }

    private double burstSeconds(int ch) {
        return number(DELAY, ch) + Math.round(number(CYCLES, ch)) * number(PERIOD, ch);
    }

    private void updateIdleLevel(int ch) {
        JunctionNode node = wiring.get(ch);
        if (node != null) {
            node.setLevel(source(ch), idleVolts(ch));
        }
    }

    private double idleVolts(int ch) {
        if (!settings.flag("outputOn", ch)) {
            return 0;
        }
        double factor = openCircuitFactor(ch);
        if (triggered(ch) && "EXT".equals(settings.text("triggerSource", 1))
                && "STAR".equals(settings.text("burstIdle", ch))) {
            return PulseLevels.baseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch)) * factor;
        }
        return PulseLevels.largerVolts(number(HIGH, ch), number(LOW, ch)) * factor;
    }

    private double pulseVolts(int ch) {
        return PulseLevels.pulseVolts(inverted(ch), number(HIGH, ch), number(LOW, ch)) * openCircuitFactor(ch);
    }

    private boolean triggered(int ch) {
        return "PULS".equals(settings.text("function", ch)) && settings.flag("burstOn", ch)
                && "TRIG".equals(settings.text("burstMode", ch)) && settings.flag("outputOn", ch);
    }

    private boolean inverted(int ch) {
        return "INV".equals(settings.text("polarity", ch));
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

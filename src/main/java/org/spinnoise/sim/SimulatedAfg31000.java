package org.spinnoise.sim;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedAfg31000.class);
    /** The rear-panel trigger input; its printed name is NOT FOUND (the sibling names a 'Trigger Output connector'). */
    static final String TRIGGER_INPUT = "trigger-input";
    static final String WIDTH = "pulseWidthSeconds";
    static final String PERIOD = "pulsePeriodSeconds";
    static final String DELAY = "triggerDelaySeconds";
    static final String HIGH = "highLevelVolts";
    static final String LOW = "lowLevelVolts";
    static final String LOAD = "loadOhms";
    static final String CYCLES = "burstCycles";

    private final Map<Integer, JunctionNode> wiring;
    private final long[] pulsesDelivered;
    private final long[] triggersIgnored;
    private final double[] busyUntilSeconds;

    SimulatedAfg31000(InstrumentModel model, String role, Map<Integer, JunctionNode> wiring) {
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

    private void requireWidthBelowPeriod(double widthSeconds, double periodSeconds) throws ScpiError {
        if (widthSeconds >= periodSeconds) {
            throw new ScpiError(model.rule("widthFitsPeriod").error(), "width " + widthSeconds
                    + " s does not fit period " + periodSeconds + " s");
        }
    }

    private void requireHighAboveLow(double highVolts, double lowVolts) throws ScpiError {
        if (highVolts <= lowVolts) {
            throw new ScpiError(model.rule("levelOrder").error(), "high " + highVolts + " V not above low "
                    + lowVolts + " V");
        }
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
        for (int ch = 1; ch <= model.channels(); ch++) {
            busyUntilSeconds[ch] = 0;
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
            pulsesDelivered[channel] += cycles;
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
            if (atSeconds < busyUntilSeconds[ch]) {
                triggersIgnored[ch]++;
                LOG.debug("{} channel {}: edge at {} s ignored, burst runs until {} s", role, ch, atSeconds,
                        busyUntilSeconds[ch]);
                continue;
            }
            busyUntilSeconds[ch] = atSeconds + burstSeconds(ch);
            double startSeconds = atSeconds + number(DELAY, ch);
            double periodSeconds = number(PERIOD, ch);
            double widthSeconds = number(WIDTH, ch);
            double volts = pulseVolts(ch);
            JunctionNode node = wiring.get(ch);
            int channel = ch;
            for (long i = 0; i < Math.round(number(CYCLES, ch)); i++) {
                clock().at(startSeconds + i * periodSeconds, () -> {
                    if (node != null) {
                        node.pulse(source(channel), volts, widthSeconds);
                    }
                    pulsesDelivered[channel]++;
                });
            }
        }
    }

    synchronized long pulsesDelivered(int ch) {
        return pulsesDelivered[ch];
    }

    synchronized long triggersIgnored(int ch) {
        return triggersIgnored[ch];
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
        double factor = openCircuitFactor(number(LOAD, ch));
        if (triggered(ch) && "EXT".equals(settings.text("triggerSource", 1))
                && "STAR".equals(settings.text("burstIdle", ch))) {
            return (inverted(ch) ? number(HIGH, ch) : number(LOW, ch)) * factor;
        }
        double high = number(HIGH, ch);
        double low = number(LOW, ch);
        return (Math.abs(high) >= Math.abs(low) ? high : low) * factor;
    }

    private double pulseVolts(int ch) {
        return (inverted(ch) ? number(LOW, ch) : number(HIGH, ch)) * openCircuitFactor(number(LOAD, ch));
    }

    private boolean triggered(int ch) {
        return "PULS".equals(settings.text("function", ch)) && settings.flag("burstOn", ch)
                && "TRIG".equals(settings.text("burstMode", ch)) && settings.flag("outputOn", ch);
    }

    private boolean inverted(int ch) {
        return "INV".equals(settings.text("polarity", ch));
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

package org.spinnoise.sim;

import java.util.List;
import java.util.Set;

/**
 * A simulated Keysight (Agilent) B2900-series precision SMU, channel 1, serving its model's command table and wired
 * to one junction. It sources a voltage onto the junction while its output is on, clamped at the current limit, and
 * measures resistance, current or voltage there (manual ohms: the terminal voltage over the current). Its acquire
 * trigger system runs a paced batch when initiated: per arm cycle an edge on the DIO pin chosen as trigger output,
 * the trigger delay, then one reading, all on the bench clock, so pulses fired on those edges land in time order. The
 * readings of the last run are what {@code :FETCh:ARRay:RESistance?} returns. With the output off a reading is NaN.
 */
final class SimulatedKeysightB2900 extends ScpiInstrument {
    static final String SOURCE_FUNCTION = "sourceFunction";
    static final String SOURCE_VOLTS = "sourceVoltageVolts";
    static final String CURRENT_LIMIT = "currentLimitAmps";
    static final String OUTPUT = "outputOn";
    /**
     * DIO pin EXT1 of the rear-panel Digital I/O connector (pins EXT1..EXT14, User's Guide Ed. 2 p. 6-27); the
     * command table serves the function of pin 1 only, so only pin 1 can carry the trigger output here.
     */
    static final String PIN_1 = "ext-1";

    private final JunctionNode node;
    private final BenchTiming timing;
    private List<String> lastRun = List.of();
    private long edgesEmitted;

    /** Injected faults: a paced cycle whose trigger is lost stores no reading. */
    private final FaultInjector faults;

    /** With no faults to inject (unit tests of the model alone). */
    SimulatedKeysightB2900(InstrumentModel model, String role, JunctionNode node, BenchTiming timing) {
        this(model, role, node, timing, new FaultInjector(java.util.List.of(role), 0L));
    }

    SimulatedKeysightB2900(InstrumentModel model, String role, JunctionNode node, BenchTiming timing,
            FaultInjector faults) {
        super(model, role);
        this.faults = faults;
        this.node = node;
        this.timing = timing;
        serveCommandTable();
    }

    @Override
    protected Set<String> behaviours() {
        Set<String> known = super.behaviours();
        known.addAll(Set.of("measure:read", "measure:resistance", "measure:current", "measure:fetchArrayResistance",
                "status:currentLimitTripped", "action:initiateAcquire", "action:abortAcquire"));
        return known;
    }

    @Override
    protected Set<String> triggerOutputs() {
        return Set.of(PIN_1);
    }

    @Override
    protected void event(String state, int channel) throws ScpiError {
        switch (state) {
            case "action:initiateAcquire" -> runAcquire();
            // Every run completes within the message that starts it, so there is never a run to abort.
            case "action:abortAcquire" -> {
            }
            default -> super.event(state, channel);
        }
    }

    @Override
    protected void afterSet(String state, int channel) {
        updateLevel();
    }

    @Override
    protected void resetBehaviour() {
        lastRun = List.of();
        updateLevel();
    }

    @Override
    protected String query(String state, int channel, Parameters p) throws ScpiError {
        p.expectAtMost(1); // an optional channel list, (@1)
        return switch (state) {
            case "status:currentLimitTripped" -> inCompliance() ? "1" : "0";
            case "measure:fetchArrayResistance" -> lastRun.isEmpty() ? model.overflowReply() : String.join(",", lastRun);
            case "measure:current" -> measure("CURR");
            case "measure:resistance" -> measure("RES");
            default -> measure(elementFunction());
        };
    }

    /** Modelled by the acquire layers: arm count cycles, each one trigger-layer pass of trigger count readings. */
    private void runAcquire() {
        // Output on at INIT when :OUTP:ON:AUTO is on (sibling B2961A reference p. 4-67).
        if (settings.flag("outputOnAuto", 1) && !outputOn()) {
            settings.put(OUTPUT, 1, true);
            updateLevel();
        }
        int count = (int) Math.round(settings.number("armCount", 1) * settings.number("triggerCount", 1));
        double settleSeconds = settings.number("triggerDelaySeconds", 1) + settings.number("armDelaySeconds", 1);
        double readingSeconds = readingSeconds();
        double cycleSeconds = settleSeconds + readingSeconds;
        // A timer-paced arm layer waits for its next tick; a tick that comes while a cycle runs is taken as late.
        double gapSeconds = "TIM".equals(settings.text("armSource", 1))
                ? Math.max(0, settings.number("armTimerSeconds", 1) - cycleSeconds) : 0;
        String port = triggerPort();
        PacedReadings.Result result = PacedReadings.run(this, count, port, settleSeconds, readingSeconds, gapSeconds,
                () -> faults.takeIgnoredTrigger(role) ? null : measureNow("RES"));
        if (port != null) {
            edgesEmitted += count;
        }
        // An injected missed trigger loses its cycle's reading, as an aborted cycle would: the fetch comes back short.
        lastRun = result.readings().stream().filter(java.util.Objects::nonNull).toList();
        spend(result.seconds());
    }

    /**
     * The DIO pin's trigger output pulse: high-going for polarity POSitive, low-going for NEGative (node from driver
     * cross-check only, see the table). Its width is NOT FOUND; 100 us is modelled.
     */
    @Override
    protected TriggerPulse triggerPulse(String outPort) {
        return new TriggerPulse("POS".equals(settings.text("digitalPinPolarity1", 1)), 100e-6);
    }

    /** The output port edges go to: trigger output on, its signal a DIO pin that is set up as a trigger output. */
    private String triggerPort() {
        if (!settings.flag("triggerOutputOn", 1)) {
            return null;
        }
        boolean pinOne = "EXT1".equals(settings.text("triggerOutputSignal", 1));
        return pinOne && "TOUT".equals(settings.text("digitalPinFunction1", 1)) ? PIN_1 : null;
    }

    /** Edges sent on trigger outputs since the bench started. */
    synchronized long edgesEmitted() {
        return edgesEmitted;
    }

    synchronized boolean outputOn() {
        return settings.flag(OUTPUT, 1);
    }

    private String elementFunction() {
        return switch (settings.text("formatElement", 1)) {
            case "CURR" -> "CURR";
            case "VOLT" -> "VOLT";
            default -> "RES";
        };
    }

    private boolean inCompliance() {
        if (!outputOn() || node == null) {
            return false;
        }
        return SourceCompliance.exceedsCurrentLimit(settings.number(SOURCE_VOLTS, 1),
                settings.number(CURRENT_LIMIT, 1), node.junction().trueResistanceOhms());
    }

    private void updateLevel() {
        if (node != null) {
            node.setLevel(role + " ch1", outputOn() ? terminalVolts(node.junction().trueResistanceOhms()) : 0);
        }
    }

    /**
     * The source level, or less when the current limit holds it (a compliance magnitude, both polarities). The table
     * has no current-level row, so a current source stays at its *RST level of 0 A (SR2 p. 4-93): 0 V here.
     */
    private double terminalVolts(double ohms) {
        if (!"VOLT".equals(settings.text(SOURCE_FUNCTION, 1))) {
            return 0;
        }
        double volts = settings.number(SOURCE_VOLTS, 1);
        double limit = Math.abs(settings.number(CURRENT_LIMIT, 1));
        double amps = volts / ohms;
        return Math.abs(amps) > limit ? Math.copySign(limit, amps) * ohms : volts;
    }

    /** One integration of NPLC power-line cycles of the bench's mains plus the model's per-reading overhead. */
    private double readingSeconds() {
        return SourceCompliance.integrationSeconds(settings.number("nplc", 1), timing)
                + model.timing().value("readingOverheadSeconds");
    }

    private String measure(String function) {
        spend(readingSeconds());
        return measureNow(function);
    }

    private String measureNow(String function) {
        if (!outputOn() || node == null) {
            return model.overflowReply();
        }
        double ohms = node.junction().readResistanceOhms(settings.number("nplc", 1));
        double volts = terminalVolts(ohms);
        return SourceCompliance.reply(function, volts, volts / ohms, model.overflowReply(), this::formatNumber);
    }
}

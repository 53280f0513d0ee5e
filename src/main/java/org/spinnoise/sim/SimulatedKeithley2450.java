package org.spinnoise.sim;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Keithley 2450-family source-measure unit (2450, 2460, 2461) in its SCPI command set, serving its
 * model's command table, wired to one junction. It sources a voltage (or current) onto the junction while its
 * output is on and measures resistance, current or voltage there: Ohm's law on one noisy read of the junction's
 * resistance, with the source clamped at its limit like a real SMU in compliance. Resistance is measured volts over
 * measured amps; with the output off every reading is the overflow value. Reads never change the junction's state.
 * Its trigger model, digital I/O trigger outputs and named reading buffers are in {@link Keithley2450TriggerModel}.
 */
final class SimulatedKeithley2450 extends ScpiInstrument {
    static final String SOURCE_FUNCTION = "sourceFunction";
    static final String SOURCE_VOLTS = "sourceVoltageVolts";
    static final String SOURCE_AMPS = "sourceCurrentAmps";
    static final String CURRENT_LIMIT = "currentLimitAmps";
    static final String VOLTAGE_LIMIT = "voltageLimitVolts";
    static final String SENSE_FUNCTION = "senseFunction";
    static final String OUTPUT = "outputOn";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedKeithley2450.class);
    private final JunctionNode node;
    private final BenchTiming timing;
    private final FaultInjector faults;
    private final Keithley2450TriggerModel triggerModel = new Keithley2450TriggerModel();
    private String lastReading;

    SimulatedKeithley2450(InstrumentModel model, String role, JunctionNode node, BenchTiming timing,
                          FaultInjector faults) {
        super(model, role);
        this.node = node;
        this.timing = timing;
        this.faults = faults;
        serveCommandTable();
    }

    @Override
    protected Set<String> triggerOutputs() {
        return Keithley2450TriggerModel.PORTS;
    }

    @Override
    protected TriggerPulse triggerPulse(String outPort) {
        return triggerModel.pulse(outPort);
    }

    @Override
    protected void event(String state, int channel, Parameters p) throws ScpiError {
        triggerModel.command(state, channel, p);
    }

    /**
     * Runs the loaded trigger model as {@link PacedReadings}: per cycle the notify block's edge on the digital output
     * line it stimulates, the constant delay, one reading into the named buffer. An injected missed trigger loses that
     * cycle's reading, as an aborted cycle would, so the buffer ends short.
     */
    private void initiate() throws ScpiError {
        Keithley2450TriggerModel.Loop loop = triggerModel.loop();
        String function = senseFunction();
        PacedReadings.Result result = PacedReadings.run(this, loop.count(), loop.outPort(), loop.settleSeconds(),
                readingSeconds(function), 0, () -> faults.takeIgnoredTrigger(role) ? null : reading(function));
        int stored = 0;
        for (String reading : result.readings()) {
            if (reading != null) {
                stored += triggerModel.store(loop.bufferName(), reading) ? 1 : 0;
            }
        }
        LOG.debug("{}: trigger model ran {} cycles, {} readings stored in {}", role, loop.count(), stored,
                loop.bufferName());
        spend(result.seconds());
    }

    @Override
    protected Set<String> behaviours() {
        Set<String> known = super.behaviours();
        known.addAll(Set.of("measure:read", "measure:resistance", "measure:current", "measure:voltage",
                "measure:lastReading", "status:currentLimitTripped", "status:voltageLimitTripped",
                "status:interlockAsserted", "status:eventLog", "status:lineFrequencyHz", "action:autoZeroOnce",
                "event:busTrigger", "event:initiate"));
        known.addAll(Keithley2450TriggerModel.BEHAVIOURS);
        return known;
    }

    @Override
    protected void event(String state, int channel) throws ScpiError {
        switch (state) {
            // One reference and one zero conversion at the resistance aperture, refreshed at once.
            case "action:autoZeroOnce" -> spend(model.timing().value("autoZeroExtraIntegrations")
                    * settings.number("resistanceNplc", 1) / timing.lineFrequencyHz());
            // A bus trigger is an event the trigger model could wait for; the models served here never do.
            case "event:busTrigger" -> {
            }
            case "event:initiate" -> initiate();
            default -> super.event(state, channel);
        }
    }

    @Override
    protected void afterSet(String state, int channel) {
        updateLevel();
    }

    @Override
    protected void resetBehaviour() {
        triggerModel.reset();
        updateLevel();
    }

    @Override
    protected String query(String state, int channel, Parameters p) throws ScpiError {
        if (Keithley2450TriggerModel.BEHAVIOURS.contains(state)) {
            return triggerModel.query(state, channel, p, this::formatNumber);
        }
        if (!state.startsWith("measure:")) {
            p.expect(0);
            return switch (state) {
                case "status:currentLimitTripped" -> inCompliance("VOLT") ? "1" : "0";
                case "status:voltageLimitTripped" -> inCompliance("CURR") ? "1" : "0";
                // The simulated bench's interlock is always closed.
                case "status:interlockAsserted" -> "1";
                case "status:lineFrequencyHz" -> formatNumber(timing.lineFrequencyHz());
                default -> eventLogEntry();
            };
        }
        p.expectAtMost(2); // a reading-buffer name and elements, which the simulation does not keep
        String reading = switch (state) {
            case "measure:lastReading" -> lastReading == null ? model.overflowReply() : lastReading;
            case "measure:read" -> measure(senseFunction());
            case "measure:resistance" -> measure("RES");
            case "measure:current" -> measure("CURR");
            default -> measure("VOLT");
        };
        lastReading = reading;
        return reading;
    }

    /** True when the output is on, sources {@code function} and the junction draws it into its limit. */
    private boolean inCompliance(String function) {
        if (!outputOn() || node == null || !function.equals(settings.text(SOURCE_FUNCTION, 1))) {
            return false;
        }
        double ohms = node.junction().trueResistanceOhms();
        return function.equals("VOLT")
                ? SourceCompliance.exceedsCurrentLimit(settings.number(SOURCE_VOLTS, 1),
                        settings.number(CURRENT_LIMIT, 1), ohms)
                : Math.abs(settings.number(SOURCE_AMPS, 1) * ohms) > Math.abs(settings.number(VOLTAGE_LIMIT, 1));
    }

    /** The event log's next entry in its documented form; errors go to SYSTem:ERRor here, so the log is empty. */
    private String eventLogEntry() {
        return "0,\"No error;0,0,0\"";
    }

    /** Whether the output is on, as the instrument holds it now. */
    synchronized boolean outputOn() {
        return settings.flag(OUTPUT, 1);
    }

    /** The measure function's first node (RES, CURR or VOLT). */
    private String senseFunction() {
        return settings.text(SENSE_FUNCTION, 1).split(":")[0];
    }

    private void updateLevel() {
        if (node != null) {
            node.setLevel(role + " ch1", outputOn() ? terminalVolts(node.junction().trueResistanceOhms()) : 0);
        }
    }

    /** The voltage across a junction of this resistance: the source level, or less when the source is in compliance. */
    private double terminalVolts(double ohms) {
        if ("VOLT".equals(settings.text(SOURCE_FUNCTION, 1))) {
            return SourceCompliance.currentLimitedVolts(settings.number(SOURCE_VOLTS, 1),
                    settings.number(CURRENT_LIMIT, 1), ohms);
        }
        // Limits are magnitudes: one value bounds both polarities (the table's limitAbsoluteValue rule).
        return SourceCompliance.clamp(settings.number(SOURCE_AMPS, 1) * ohms, settings.number(VOLTAGE_LIMIT, 1));
    }

    private String measure(String function) {
        spend(readingSeconds(function));
        return reading(function);
    }

    /** One reading of the junction as it is now, without booking its time. */
    private String reading(String function) {
        if (!outputOn() || node == null) {
            return model.overflowReply();
        }
        double ohms = node.junction().readResistanceOhms(nplc(function));
        double volts = terminalVolts(ohms);
        return SourceCompliance.reply(function, volts, volts / ohms, model.overflowReply(), this::formatNumber);
    }

    /**
     * One reading's time: the integration (NPLC power-line cycles of the bench's mains), repeated for the
     * reference and zero readings when autozero is on and for the source readback, plus the per-reading overhead.
     */
    private double readingSeconds(String function) {
        double integrationSeconds = SourceCompliance.integrationSeconds(nplc(function), timing);
        String autoZero = switch (function) {
            case "RES" -> "resistanceAutoZero";
            case "CURR" -> "currentAutoZero";
            default -> "voltageAutoZero";
        };
        String readback = "VOLT".equals(settings.text(SOURCE_FUNCTION, 1)) ? "sourceVoltageReadback" : "sourceCurrentReadback";
        double integrations = 1 + (settings.flag(autoZero, 1) ? model.timing().value("autoZeroExtraIntegrations") : 0)
                + (settings.flag(readback, 1) ? model.timing().value("sourceReadbackExtraIntegrations") : 0);
        return integrations * integrationSeconds + model.timing().value("readingOverheadSeconds");
    }

    /** The integration time of a measure function in power-line cycles. */
    private double nplc(String function) {
        String state = switch (function) {
            case "RES" -> "resistanceNplc";
            case "CURR" -> "currentNplc";
            default -> "voltageNplc";
        };
        return settings.number(state, 1);
    }
}

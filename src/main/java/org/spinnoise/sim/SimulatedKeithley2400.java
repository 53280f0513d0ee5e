package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Keithley 2400-series SourceMeter (2400 … 2440) in its SCPI command set, serving its model's command
 * table, wired to one junction. With the output on it holds its source on the junction: a voltage clamped at the
 * current compliance, or — when the ohms function is selected in AUTO ohms mode — the ohms range's test current, as
 * the manual says auto ohms does (User's Manual 2400S-900-01 p. 18-61), so a driver that forgets manual ohms damages
 * the junction here too. Its trigger model runs arm count × trigger count source-delay-measure cycles on the bench
 * clock with an output trigger on the chosen Trigger Link line, and stores readings in its 2500-reading buffer.
 */
final class SimulatedKeithley2400 extends ScpiInstrument {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedKeithley2400.class);
    /** Unmeasured elements read as NaN +9.91e37 (UM pp. 18-50, 17-3). */
    private static final double NOT_A_NUMBER = 9.91e37;
    /** Voltage compliance of the I-source at its *RST value, 21 V (UM Table 18-6 p. 18-13); not a table row here. */
    private static final double VOLTAGE_COMPLIANCE_VOLTS = 21;
    private static final Set<String> TLINK_LINES = Set.of("tlink-1", "tlink-2", "tlink-3", "tlink-4");

    private final JunctionNode node;
    private final BenchTiming timing;
    private final List<String> buffer = new ArrayList<>();
    private List<String> lastReadings = List.of();
    /** True until :FORM:ELEM names one element: the GPIB default sends all five (Quick Results Guide p. 15). */
    private boolean allElements = true;
    private long edgesReceived;

    /** Injected faults: a paced cycle whose trigger is lost stores no reading. */
    private final FaultInjector faults;

    /** With no faults to inject (unit tests of the model alone). */
    SimulatedKeithley2400(InstrumentModel model, String role, JunctionNode node, BenchTiming timing) {
        this(model, role, node, timing, new FaultInjector(java.util.List.of(role), 0L));
    }

    SimulatedKeithley2400(InstrumentModel model, String role, JunctionNode node, BenchTiming timing,
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
        known.addAll(Set.of("measure:read", "measure:lastReading", "measure:bufferData", "status:bufferCount",
                "status:currentLimitTripped", "action:clearBuffer", "action:triggerClear", "event:initiate",
                "event:abort"));
        return known;
    }

    // The Trigger Link's four lines each work as input or output (UM p. 11-19).
    @Override
    protected Set<String> triggerInputs() {
        return TLINK_LINES;
    }

    /**
     * A Trigger Link output trigger is a TTL pulse (UM Figure 11-7, p. 11-20) that another unit's Trigger Link input
     * takes on its falling leading edge (UM p. 11-19, Figure 11-6): low-going from a high idle level. No command sets
     * its polarity. Its width is NOT FOUND (a value inside Figure 11-7); 10 us is modelled.
     */
    static final TriggerPulse TLINK_PULSE = new TriggerPulse(false, 10e-6);

    @Override
    protected TriggerPulse triggerPulse(String outPort) {
        return TLINK_PULSE;
    }

    /** A Trigger Link input triggers on a falling edge (UM p. 11-19, Figure 11-6). */
    @Override
    protected Boolean triggersOnRisingEdge(String inPort) {
        return false;
    }

    @Override
    protected Set<String> triggerOutputs() {
        return TLINK_LINES;
    }

    @Override
    protected void onTrigger(String inPort, double atSeconds) {
        edgesReceived++;
    }

    /** Edges received on the Trigger Link inputs since the bench started. */
    synchronized long edgesReceived() {
        return edgesReceived;
    }

    @Override
    protected Object beforeSet(String state, int channel, Object value) throws ScpiError {
        if (state.equals("armCount") || state.equals("triggerCount")) {
            double arm = state.equals("armCount") ? (Double) value : settings.number("armCount", 1);
            double trigger = state.equals("triggerCount") ? (Double) value : settings.number("triggerCount", 1);
            if (Double.isFinite(arm) && arm * trigger > 2500) {
                throw new ScpiError(model.rule("countProductAtMost2500").error(),
                        "arm count x trigger count " + arm * trigger + " exceeds 2500");
            }
        }
        if (state.equals("formatElements")) {
            allElements = false;
        }
        return value;
    }

    @Override
    protected void afterSet(String state, int channel) {
        updateLevel();
    }

    @Override
    protected void resetBehaviour() {
        allElements = true;
        updateLevel();
    }

    @Override
    protected void event(String state, int channel) throws ScpiError {
        switch (state) {
            case "action:clearBuffer" -> buffer.clear();
            // No input trigger is ever latched while idle here, and every batch completes before the next message.
            case "action:triggerClear", "event:abort" -> {
            }
            default -> lastReadings = runTriggerModel();
        }
    }

    @Override
    protected String query(String state, int channel, Parameters p) throws ScpiError {
        p.expect(0);
        return switch (state) {
            case "status:currentLimitTripped" -> inCompliance() ? "1" : "0";
            case "status:bufferCount" -> Integer.toString(buffer.size());
            case "measure:bufferData" -> String.join(",", buffer);
            case "measure:lastReading" -> lastReadings.isEmpty() ? elements(Double.NaN, Double.NaN, Double.NaN)
                    : String.join(",", lastReadings);
            default -> {
                if (Double.isInfinite(settings.number("armCount", 1))) {
                    throw new ScpiError(model.rule("infiniteArmCountNotReadable").error(), ":READ? with ARM:COUN INF");
                }
                List<String> readings = runTriggerModel();
                lastReadings = readings;
                // A trigger layer waiting on the Trigger Link with no edge coming never answers.
                yield readings == null ? null : String.join(",", readings);
            }
        };
    }

    /**
     * Runs arm count × trigger count source-delay-measure cycles, the output trigger on the chosen line after the
     * source (SOURce), the delay (DELay) or the measurement (SENSe) of each (UM p. 18-122); stores them in the buffer
     * when storage is on (UM pp. 18-115/18-116). Returns null when the trigger layer waits on the Trigger Link.
     */
    private List<String> runTriggerModel() throws ScpiError {
        boolean autoOff = settings.flag("sourceAutoClear", 1);
        if (!outputOn() && !autoOff) {
            throw new ScpiError(model.rule("readNeedsOutputOn").error(), "output is off");
        }
        if ("TLIN".equals(settings.text("triggerSource", 1)) || "TLIN".equals(settings.text("armSource", 1))) {
            LOG.info("{}: trigger model waits for Trigger Link edges, which this simulation does not accept", role);
            return null;
        }
        int count = (int) Math.round(settings.number("armCount", 1) * settings.number("triggerCount", 1));
        double settleSeconds = settings.number("triggerDelaySeconds", 1) + settings.number("sourceDelaySeconds", 1);
        double readingSeconds = readingSeconds();
        String event = settings.text("triggerOutputEvent", 1);
        String port = "tlink-" + Math.round(settings.number("triggerOutputLine", 1));
        double start = clock().nowSeconds();
        double cycle = settleSeconds + readingSeconds;
        if (event.equals("DEL") || event.equals("SENS")) {
            double offset = event.equals("DEL") ? settleSeconds : cycle;
            for (int i = 0; i < count; i++) {
                emitTrigger(port, start + i * cycle + offset);
            }
        }
        if (autoOff) {
            settings.put(SimulatedKeithley2450.OUTPUT, 1, true);
            updateLevel();
        }
        PacedReadings.Result result = PacedReadings.run(this, count, event.equals("SOUR") ? port : null,
                settleSeconds, readingSeconds, 0, () -> faults.takeIgnoredTrigger(role) ? null : measureElements());
        if (autoOff) {
            settings.put(SimulatedKeithley2450.OUTPUT, 1, false);
            updateLevel();
        }
        spend(result.seconds());
        // An injected missed trigger loses its cycle's reading, as an aborted cycle would: the buffer ends short.
        List<String> taken = result.readings().stream().filter(java.util.Objects::nonNull).toList();
        if ("NEXT".equals(settings.text("bufferControl", 1))) {
            int room = (int) Math.round(settings.number("bufferPoints", 1)) - buffer.size();
            buffer.addAll(taken.subList(0, Math.max(0, Math.min(room, taken.size()))));
        }
        return taken;
    }

    /**
     * One reading's time from the model's timing: trigger latency, A/D phases of NPLC / line frequency + 185 µs
     * each, and the firmware overhead (UM App. A pp. A-4 … A-8).
     */
    private double readingSeconds() {
        ModelTiming t = model.timing();
        double phase = SourceCompliance.integrationSeconds(settings.number("nplc", 1), timing)
                + t.value("adcPhaseOverheadSeconds");
        return t.value("triggerLatencySeconds") + t.value("adcPhasesPerReading") * phase
                + t.value("firmwareOverheadSeconds");
    }

    private String measureElements() {
        if (!outputOn() || node == null) {
            return elements(Double.NaN, Double.NaN, Double.NaN);
        }
        double ohms = node.junction().readResistanceOhms(settings.number("nplc", 1));
        double volts = terminalVolts(ohms);
        double amps = volts / ohms;
        boolean resistance = senseFunction().equals("RES");
        return elements(volts, amps, resistance && amps != 0 ? volts / amps : Double.NaN);
    }

    /** The chosen element, or all five (V, I, R, time, status) as the GPIB default sends them (UM p. 18-49). */
    private String elements(double volts, double amps, double ohms) {
        String v = reading(volts);
        String i = reading(amps);
        String r = reading(ohms);
        if (allElements) {
            return String.join(",", v, i, r, formatNumber(clock().nowSeconds()), formatNumber(0));
        }
        return switch (settings.text("formatElements", 1)) {
            case "VOLT" -> v;
            case "CURR" -> i;
            case "TIME" -> formatNumber(clock().nowSeconds());
            case "STAT" -> formatNumber(0);
            default -> r;
        };
    }

    private String reading(double value) {
        return formatNumber(Double.isNaN(value) ? NOT_A_NUMBER : value);
    }

    private boolean inCompliance() {
        if (!outputOn() || node == null || !"VOLT".equals(settings.text("sourceFunction", 1)) || autoOhms()) {
            return false;
        }
        double ohms = node.junction().trueResistanceOhms();
        return SourceCompliance.exceedsCurrentLimit(settings.number("sourceVoltageVolts", 1),
                settings.number("currentLimitAmps", 1), ohms);
    }

    synchronized boolean outputOn() {
        return settings.flag(SimulatedKeithley2450.OUTPUT, 1);
    }

    private String senseFunction() {
        return settings.text("senseFunction", 1).split(":")[0];
    }

    /** Auto ohms with the ohms function selected: the unit sources current (UM p. 18-61). */
    private boolean autoOhms() {
        return senseFunction().equals("RES") && "AUTO".equals(settings.text("resistanceMode", 1));
    }

    private void updateLevel() {
        if (node != null) {
            node.setLevel(role + " ch1", outputOn() ? terminalVolts(node.junction().trueResistanceOhms()) : 0);
        }
    }

    /** The voltage across a junction of this resistance while the output is on. */
    private double terminalVolts(double ohms) {
        if (autoOhms()) {
            // Auto range picks the lowest ohms range 2×10^k Ω above the reading; its test current is 10^-k A
            // (Table 4-1 p. 4-4: 100 mA on 20 Ω down the decades).
            int k = Math.max(1, (int) Math.ceil(Math.log10(ohms / 2)));
            return SourceCompliance.clamp(Math.pow(10, -k) * ohms, VOLTAGE_COMPLIANCE_VOLTS);
        }
        if ("VOLT".equals(settings.text("sourceFunction", 1))) {
            return SourceCompliance.currentLimitedVolts(settings.number("sourceVoltageVolts", 1),
                    settings.number("currentLimitAmps", 1), ohms);
        }
        return 0;
    }
}

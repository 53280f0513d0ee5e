package org.spinnoise.instrument.keithley;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.ResistanceReading;
import org.spinnoise.instrument.SafeSteps;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.instrument.TriggerEdge;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * Keithley 2450-family source-measure units (2450, 2460, 2461) in their SCPI command set, reading resistance while
 * sourcing a voltage: the SMU applies the bias voltage and divides it by the measured current, so the read voltage
 * is exactly what the user chose and can never switch the junction. Commands follow the Model 2450 Reference Manual
 * (2450-901-01 Rev. B); the page of each is noted where it is sent.
 */
public final class Keithley2450 implements SourceMeter, PacedReads {
    /** :SOURce[1]:FUNCtion[:MODE] VOLTage, p. 6-72. */
    private static final Setting<String> SOURCE_FUNCTION = Setting.choice(":SOUR:FUNC", "VOLT");
    /** [:SENSe[1]]:RESistance:NPLCycles 0.01 to 10, p. 6-48. */
    private static final Setting<Double> NPLC = Setting.number(":SENS:RES:NPLC", "PLC", 0.01, 10);
    /** [:SENSe[1]]:FUNCtion[:ON] "RESistance", pp. 6-49/6-50: the only measure function the driver uses. */
    private static final Setting<String> SENSE_FUNCTION = Setting.quoted(":SENS:FUNC", "RES");
    /** :READ? makes one reading and returns it, p. 6-6. */
    private static final Command READ = Command.of(":READ?");
    /** :OUTPut[1][:STATe], p. 6-34. */
    private static final Setting<Boolean> OUTPUT = Setting.onOff(":OUTP");

    private final ScpiSession session;
    private final Identity identity;
    private final Setting<Double> biasVolts;
    private final Setting<Double> currentLimit;
    private final SafetyLimits limits;
    private ReadBias bias;
    /** The paced batch as loaded into the trigger model ({@link Keithley2450PacedBatch}), or null. */
    private Keithley2450PacedBatch paced;

    public Keithley2450(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        // Source level: the 200 V range (p. 6-75); the 105 % overrange to 210 V (SPEC-2450 p. 3) is not used.
        this.biasVolts = Setting.volts(":SOUR:VOLT", -200, 200).limitedBy(limits.junctionVolts());
        // Current limit up to 1.05 A (p. 6-71), at least 10 % of the lowest range, 1 nA (SPEC-2450 p. 3).
        this.currentLimit = Setting.amps(":SOUR:VOLT:ILIM", 1e-9, 1.05).limitedBy(limits.current());
    }

    /** True for the models this driver knows. */
    public static boolean drives(Identity id) {
        return id.manufacturer().toUpperCase().contains("KEITHLEY") && id.model().matches(".*24(50|60|61).*");
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void configureRead(ReadBias newBias) throws InstrumentException {
        // Refuse unsafe values before anything is sent, so a refused bias never leaves a new current limit (or a
        // half-made configuration) behind; the settings carry the same limits, checked again when sent.
        limits.refuseUnsafe(session.label(), newBias);
        // Until this succeeds the instrument holds no known read configuration; reads must not use the old one.
        this.bias = null;
        this.paced = null;
        // Reference Manual 2450-901-01 Rev. B. The measure function goes first: selecting it may change the source
        // function (2461 Reference Manual, "Source and measure order", p. 2-100). The 2450 has no ohms-mode node
        // (the 2400's :SENS:RES:MODE is undefined there): with RES measured while sourcing voltage, the reading is
        // the sourced voltage over the measured current, the data sheet's "source voltage, measure resistance".
        run(() -> {
            session.set(SENSE_FUNCTION, "RES");                         // p. 6-49/6-50
            session.set(NPLC, newBias.nplc());                          // p. 6-48
            session.set(SOURCE_FUNCTION, "VOLT");                       // p. 6-72
            session.set(currentLimit, newBias.currentLimitAmps());      // p. 6-71
            session.set(biasVolts, newBias.biasVolts());                // p. 6-70
            session.set(OUTPUT, true);                                  // p. 6-34
        });
        this.bias = newBias;
    }

    @Override
    public double readResistanceOhms() throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": read before configureRead");
        }
        String reply = call(() -> session.ask(READ));
        double ohms = ResistanceReading.parse(session.label(), "':READ?'", reply, "not a number");
        checkReading(ohms, reply, ":READ?");
        return ohms;
    }

    /**
     * Refuses a reading that is no resistance of a junction: overflow, not positive, or at the current limit. The
     * 2450's own statement of the overflow value was not found; the sibling 2470 Reference Manual (2470-901-01 Rev. A,
     * p. 12-53) returns 9.9e+37 on overrange ({@link ResistanceReading#OVERFLOW}).
     */
    private void checkReading(double ohms, String reply, String query) throws InstrumentException {
        ResistanceReading.check(session.label(), "'" + query + "'", ohms, reply, bias,
                "the output is off or the junction is open", "sense leads");
    }

    /** The paced batch sets its digital line to logic POSitive, a high pulse (RM 6-151): it leads rising. */
    @Override
    public TriggerEdge leadingEdge() {
        return TriggerEdge.RISING;
    }

    @Override
    public double secondsPerReading(ReadBias readBias) throws InstrumentException {
        return Keithley2450PacedBatch.secondsPerReading(session, readBias);
    }

    @Override
    public void armPacedReads(int count, int triggerLine, double settleSeconds) throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": paced reads armed before configureRead");
        }
        if (paced == null || !paced.sameLoop(triggerLine, settleSeconds) || count > paced.bufferSize()) {
            paced = null;
            paced = Keithley2450PacedBatch.load(session, count, triggerLine, settleSeconds,
                    secondsPerReading(bias));
        } else {
            paced.recount(count);
        }
    }

    @Override
    public double[] runPacedReads() throws InstrumentException {
        if (bias == null || paced == null) {
            throw new InstrumentException(session.label() + ": paced reads run before armPacedReads");
        }
        double[] ohms = paced.runBatch();
        for (double reading : ohms) {
            checkReading(reading, Double.toString(reading), ":TRAC:DATA?");
        }
        return ohms;
    }

    @Override
    public void outputOff() throws InstrumentException {
        run(() -> session.set(OUTPUT, false));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (bias != null) {
            out.put("source_function", "VOLT");
            out.put("bias_volts", bias.biasVolts());
            out.put("current_limit_amps", bias.currentLimitAmps());
            out.put("sense_function", "RES (manual ohms)");
            out.put("nplc", bias.nplc());
        }
        return out;
    }

    @Override
    public long roundTrips() {
        return session.roundTrips();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void checkErrors() throws InstrumentException {
        run(session::checkEventStatus);
    }

    @Override
    public String safeOff() throws InstrumentException {
        this.paced = null;
        // Whatever the outcome, the read configuration is no longer in force. Output off in the NORMal off-state
        // leaves a 0 V source (p. 8-139) but keeps the programmed level for the next output-on, so it goes to 0 too.
        this.bias = null;
        return new SafeSteps()
                .step("off", () -> session.set(OUTPUT, false))
                .step("0 V", () -> session.set(biasVolts, 0.0))
                .finish();
    }
}

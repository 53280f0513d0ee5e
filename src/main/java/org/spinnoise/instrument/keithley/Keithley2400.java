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
 * Keithley 2400-series SourceMeters (2400, 2401, 2410, 2420, 2425, 2430, 2440) in their SCPI command set, reading
 * resistance while sourcing a voltage. The 2400 needs manual ohms for that: in its default auto ohms, selecting the
 * ohms function turns the unit into a current source at the range's test current, which would drive milliamps
 * through a junction. Manual ohms keeps the programmed voltage and divides it by the measured current. Every page
 * cited is of the Series 2400 SourceMeter User's Manual, 2400S-900-01 Rev. K (UM). Batches are paced by the unit's
 * own trigger model ({@link Keithley2400Batch}).
 */
public final class Keithley2400 implements SourceMeter, PacedReads {
    /** :OUTPut[1][:STATe] ON/OFF, Table 4-3 p. 4-14. */
    static final Setting<Boolean> OUTPUT = Setting.onOff(":OUTP");
    /** :SOURce[1]:FUNCtion[:MODE] VOLTage, p. 18-73. */
    private static final Setting<String> SOURCE_FUNCTION = Setting.choice(":SOUR:FUNC", "VOLT");
    /** :SOURce[1]:VOLTage:MODE FIXed, p. 18-73: one level, no sweep or list. */
    private static final Setting<String> SOURCE_MODE = Setting.choice(":SOUR:VOLT:MODE", "FIX");
    /** [:SENSe[1]]:RESistance:MODE MANual, p. 18-61: the source stays a voltage source; R = V / I. */
    private static final Setting<String> OHMS_MODE = Setting.choice(":SENS:RES:MODE", "MAN");
    /** [:SENSe[1]]:FUNCtion "RESistance", Table 4-2 p. 4-13. */
    private static final Setting<String> SENSE_FUNCTION = Setting.quoted(":SENS:FUNC", "RES");
    /** [:SENSe[1]]:RESistance:NPLCycles 0.01 to 10, Table 18-6 p. 18-13 (one speed for all functions). */
    private static final Setting<Double> NPLC = Setting.number(":SENS:RES:NPLC", "PLC", 0.01, 10);
    /**
     * :FORMat:ELEMents RESistance, pp. 18-49/18-50 and Table 4-3 p. 4-14: without it :READ? answers five elements
     * (voltage, current, resistance, time, status; Quick Results Guide p. 15); with it, one number per reading.
     */
    private static final Setting<String> ELEMENTS = Setting.choice(":FORM:ELEM", "RES");
    /** :SOURce[1]:CLEar:AUTO OFF, p. 18-72: the bias stays on between readings instead of cycling per reading. */
    private static final Setting<Boolean> AUTO_OFF = Setting.onOff(":SOUR:CLE:AUTO");
    /** :OUTPut[1]:SMODe NORMal, p. 18-57: output off leaves a 0 V source with compliance 0.5 % of full scale. */
    private static final Setting<String> OFF_MODE = Setting.choice(":OUTP:SMOD", "NORM");
    /** :READ? = :INITiate + :FETCh?, Table 17-1 p. 17-2 (never :MEAS:RES?, which resets the function, p. 17-3). */
    private static final Command READ = Command.of(":READ?");
    /** :ABORt returns the trigger model to idle; it runs even while a batch is running, Table 11-1, p. 11-13. */
    static final Command ABORT = Command.of(":ABOR");

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final Setting<Double> biasVolts;
    private final Setting<Double> currentLimit;
    private final Keithley2400Batch batch;
    private ReadBias bias;

    public Keithley2400(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        Keithley2400Rating rating = Keithley2400Rating.of(identity);
        if (rating == null) {
            throw new IllegalArgumentException(identity.label() + " is not a Keithley 2400-series SourceMeter");
        }
        // :SOURce[1]:VOLTage[:LEVel][:IMMediate][:AMPLitude], model limits pp. 18-79, 18-84.
        this.biasVolts = Setting.volts(":SOUR:VOLT", -rating.maxSourceVolts(), rating.maxSourceVolts())
                .limitedBy(limits.junctionVolts());
        // [:SENSe[1]]:CURRent[:DC]:PROTection[:LEVel], model limits p. 18-68; never below 0.1 % of the lowest
        // (1 µA) measure range, p. 18-68.
        this.currentLimit = Setting.amps(":SENS:CURR:PROT", 1e-9, rating.maxComplianceAmps())
                .limitedBy(limits.current());
        this.batch = new Keithley2400Batch(session);
    }

    /** True for the models this driver knows (never the 2450 family, which has its own driver). */
    public static boolean drives(Identity id) {
        return Keithley2400Rating.of(id) != null;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void configureRead(ReadBias newBias) throws InstrumentException {
        // Refuse unsafe values before anything is sent; the settings carry the same limits, checked again when sent.
        limits.refuseUnsafe(session.label(), newBias);
        this.bias = null;
        run(() -> {
            // Output off first: whatever the unit held before (auto ohms, a current source) never reaches the
            // junction while the read is set up. Manual ohms goes before the ohms function, so selecting RES can
            // never switch the source to a test current (p. 18-61).
            session.set(OUTPUT, false);                                  // p. 4-14
            session.set(OHMS_MODE, "MAN");                               // p. 18-61
            session.set(SOURCE_FUNCTION, "VOLT");                        // p. 18-73
            session.set(SOURCE_MODE, "FIX");                             // p. 18-73
            session.set(currentLimit, newBias.currentLimitAmps());       // p. 18-68
            session.set(biasVolts, newBias.biasVolts());                 // pp. 18-79, 18-84
            session.set(SENSE_FUNCTION, "RES");                          // p. 4-13
            session.set(NPLC, newBias.nplc());                           // p. 18-13
            session.set(ELEMENTS, "RES");                                // p. 18-49
            session.set(AUTO_OFF, false);                                // p. 18-72
            batch.singleReadings();                                      // one reading, no output trigger
            session.set(OFF_MODE, "NORM");                               // p. 18-57
            session.set(OUTPUT, true);                                   // p. 4-14
        });
        this.bias = newBias;
    }

    @Override
    public double readResistanceOhms() throws InstrumentException {
        ReadBias held = requireBias("read");
        String reply = call(() -> session.ask(READ));
        return ohms(reply, held, ":READ?");
    }

    /**
     * One reading of a reply in ohms, refusing overflow, a non-positive value and a reading at the current limit.
     * Overflow reads +9.9E37 (p. 18-49) or 9.91E+37 (p. 7-2; also the NaN of p. 18-50): both are no reading.
     */
    double ohms(String reading, ReadBias held, String query) throws InstrumentException {
        String where = "'" + query + "'";
        double ohms = ResistanceReading.parse(session.label(), where, reading,
                "not one number (is :FORM:ELEM RES in force?)");
        return ResistanceReading.check(session.label(), where, ohms, reading, held,
                "the junction is open or the range too low", "leads");
    }

    /**
     * A Trigger Link output trigger is a TTL pulse (UM Figure 11-7, p. 11-20) that a Trigger Link input takes on its
     * falling leading edge (UM p. 11-19, Figure 11-6): it leads falling, and no command inverts it.
     */
    @Override
    public TriggerEdge leadingEdge() {
        return TriggerEdge.FALLING;
    }

    @Override
    public double secondsPerReading(ReadBias readBias) {
        return Keithley2400Batch.secondsPerReading(readBias);
    }

    @Override
    public void armPacedReads(int count, int triggerLine, double settleSeconds) throws InstrumentException {
        requireBias("paced reads armed");
        batch.arm(count, triggerLine, settleSeconds);
    }

    @Override
    public double[] runPacedReads() throws InstrumentException {
        ReadBias held = requireBias("paced reads run");
        String[] readings = batch.runBatch(held);
        double[] out = new double[readings.length];
        for (int i = 0; i < readings.length; i++) {
            out[i] = ohms(readings[i], held, ":TRAC:DATA? (reading " + (i + 1) + ")");
        }
        return out;
    }

    private ReadBias requireBias(String what) throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": " + what + " before configureRead");
        }
        return bias;
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
        // :ABORt first: while a batch runs every other command waits until it ends (p. 11-11), ABORt does not.
        // Output off in the NORMal off-state leaves a 0 V source (p. 18-57) but keeps the programmed level for the
        // next output-on, so the level goes to 0 V too.
        this.bias = null;
        return new SafeSteps()
                .step("idle", () -> session.execute(ABORT))
                .step("off", () -> session.set(OUTPUT, false))
                .step("0 V", () -> session.set(biasVolts, 0.0))
                .finish();
    }
}

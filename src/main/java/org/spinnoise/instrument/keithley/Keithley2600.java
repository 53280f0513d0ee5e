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
import org.spinnoise.scpi.Dialect;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * Keithley Series 2600B System SourceMeter (2601B … 2636B) in TSP, its Lua command language, reading resistance on
 * SMU channel A ({@code smua}; the two-channel models' {@code smub} is left alone) while sourcing a voltage:
 * {@code smua.measure.r()} gives the resistance from the measured voltage and current (the manual calls it calculated
 * from the measurement's V and I components; the remote formula is not printed), so the read voltage is the one the
 * user chose and never switches the junction. It also paces batches itself ({@link PacedReads}, see
 * {@link Keithley2600Batch}). Pages: Series 2600B Reference Manual 2600BS-901-01 Rev. B (RMB), Rev. C (RMC),
 * Rev. F (RMF), as in {@code mock-instruments/models/research/keithley-2600b-tsp-facts.md}.
 */
public final class Keithley2600 implements SourceMeter, PacedReads {
    /** smuX.source.func: 0 OUTPUT_DCAMPS, 1 OUTPUT_DCVOLTS — RMF 9-246, RMB 7-228. */
    private static final Setting<String> SOURCE_FUNCTION = Setting.constant("smua.source.func",
            Map.of("smua.OUTPUT_DCAMPS", 0, "smua.OUTPUT_DCVOLTS", 1));
    /** smuX.measure.nplc: 0.001 to 25 PLC — RMF 2-50 (Speed); [sibling] 2657A 7-203. */
    private static final Setting<Double> NPLC = Setting.number("smua.measure.nplc", "PLC", 0.001, 25);
    /** smuX.measure.count: readings per measure call (and stored per buffered call) — RMB 7-201. */
    private static final Setting<Integer> MEASURE_COUNT = Setting.count("smua.measure.count", 1, 1);
    /** smuX.source.offmode: 0 OUTPUT_NORMAL (off = 0 V source limited by offlimiti, 1 mA) — RMB 7-227, RMF 2-42. */
    private static final Setting<String> OFF_MODE = Setting.constant("smua.source.offmode",
            Map.of("smua.OUTPUT_NORMAL", 0));
    /** smuX.source.offfunc: 1 OUTPUT_DCVOLTS, a 0 V source when off in NORMAL mode — RMC 7-242. */
    private static final Setting<String> OFF_FUNCTION = Setting.constant("smua.source.offfunc",
            Map.of("smua.OUTPUT_DCVOLTS", 1));
    /** format.data: 1 format.ASCII, numbers as text separated by ", " — RMB 7-94. */
    private static final Setting<String> DATA_FORMAT = Setting.constant("format.data", Map.of("format.ASCII", 1));
    /** smuX.source.output: 0 OUTPUT_OFF, 1 OUTPUT_ON (HIGH_Z not used: relay wear, RMB 2-77) — RMB 7-228. */
    private static final Setting<String> OUTPUT = Setting.constant("smua.source.output",
            Map.of("smua.OUTPUT_OFF", 0, "smua.OUTPUT_ON", 1));
    /** print(smuX.measure.r()): one reading, printed as one number — RMB 7-213, RMC 7-166. */
    private static final Command READ = Command.of("print(smua.measure.r())");

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final AutoZero autoZero;
    private final Setting<Double> biasVolts;
    private final Setting<Double> currentLimit;
    private final Keithley2600Batch batch;
    private ReadBias bias;

    /** smuX.measure.autozero choices: 0 OFF, 1 ONCE, 2 AUTO (default) — RMF 9-218 (RMB 7-199/7-200). */
    public enum AutoZero {
        OFF("smua.AUTOZERO_OFF", 0), ONCE("smua.AUTOZERO_ONCE", 1), AUTO("smua.AUTOZERO_AUTO", 2);

        final String constant;
        final int number;

        AutoZero(String constant, int number) {
            this.constant = constant;
            this.number = number;
        }
    }

    /** smuX.measure.autozero = smuX.AUTOZERO_OFF | _ONCE | _AUTO (0, 1, 2) — RMF 9-218, RMB 7-199/7-200. */
    private static final Setting<String> AUTO_ZERO = Setting.constant("smua.measure.autozero", Map.of(
            AutoZero.OFF.constant, 0, AutoZero.ONCE.constant, 1, AutoZero.AUTO.constant, 2));

    /**
     * A driver on a session that has been identified; switches the session to TSP. {@code autoZero} AUTO is the
     * manual's default and keeps readings referenced; OFF or ONCE reads faster, at the cost of drift.
     */
    public Keithley2600(ScpiSession session, Identity identity, SafetyLimits limits, AutoZero autoZero) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        this.autoZero = autoZero;
        session.speak(Dialect.TSP);
        // levelv: its allowed range per model was NOT FOUND; ±40 V is the 2601B/2602B/2604B's largest voltage limit
        // (RMF 9-244) and full-scale source output is 101 % of range (RMF 2-44). The safety limit is far below both.
        this.biasVolts = Setting.volts("smua.source.levelv", -40, 40).limitedBy(limits.junctionVolts());
        // limiti: 10 nA .. 3 A (2601B-2614B) or 100 pA .. 1.5 A (2634B-2636B); 0 gives error 1102 — RMF 9-244,
        // RMB 7-224. The range common to every model is used.
        this.currentLimit = Setting.amps("smua.source.limiti", 10e-9, 1.5).limitedBy(limits.current());
        this.batch = new Keithley2600Batch(session, identity);
    }

    /** True for the models this driver knows: *IDN? answers "Keithley Instruments Inc., Model 2602B, …" (RMB D-3). */
    public static boolean drives(Identity id) {
        return id.manufacturer().toUpperCase().contains("KEITHLEY")
                && id.model().toUpperCase().matches("(MODEL\\s*)?26(01|02|04|11|12|14|34|35|36)B");
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void configureRead(ReadBias newBias) throws InstrumentException {
        // Refuse unsafe values before anything is sent (the settings carry the same limits, checked again).
        limits.refuseUnsafe(session.label(), newBias);
        this.bias = null;
        // The limit goes before the level and both before output on: the limit "should be set before turning on
        // the output" (RMB 7-224); a new levelv is applied at once only while sourcing voltage with output on
        // (RMB 7-222/7-223).
        run(() -> {
            session.set(SOURCE_FUNCTION, "smua.OUTPUT_DCVOLTS");         // RMF 9-246
            session.set(currentLimit, newBias.currentLimitAmps());       // RMB 7-223/7-224
            session.set(biasVolts, newBias.biasVolts());                 // RMB 7-222/7-223
            session.set(NPLC, newBias.nplc());                           // RMF 2-50
            session.set(AUTO_ZERO, autoZero.constant);                   // RMF 9-218
            session.set(MEASURE_COUNT, 1);                               // RMB 7-201
            session.set(OFF_MODE, "smua.OUTPUT_NORMAL");                 // RMB 7-227
            session.set(OFF_FUNCTION, "smua.OUTPUT_DCVOLTS");            // RMC 7-242
            session.set(DATA_FORMAT, "format.ASCII");                    // RMB 7-94
            session.set(OUTPUT, "smua.OUTPUT_ON");                       // RMB 7-228
        });
        this.bias = newBias;
    }

    @Override
    public double readResistanceOhms() throws InstrumentException {
        ReadBias now = requireBias();
        String reply = call(() -> session.ask(READ));
        return checkedOhms(session.label(), READ.text(), reply, now);
    }

    /**
     * A reply read as ohms, refused when it is not a number, an overflow, not positive, or at the current limit. The
     * 2600B's bus value for an overflow was NOT FOUND; the sibling 2470 prints 9.91e+37 (2470-901-01 Rev. A,
     * p. 14-100), so anything from 9.9e37 up counts ({@link ResistanceReading#OVERFLOW}).
     */
    static double checkedOhms(String label, String command, String reply, ReadBias bias) throws InstrumentException {
        String where = "'" + command + "'";
        double ohms = ResistanceReading.parse(label, where, reply, "not a number");
        return ResistanceReading.check(label, where, ohms, reply, bias, "the output is off or the junction is open",
                "leads");
    }

    /** The paced batch sets its digio line to TRIG_RISINGM, a TTL-high pulse (RMC 7-57): it leads rising. */
    @Override
    public TriggerEdge leadingEdge() {
        return TriggerEdge.RISING;
    }

    @Override
    public double secondsPerReading(ReadBias readBias) {
        return Keithley2600Batch.secondsPerReading(readBias, autoZero);
    }

    @Override
    public void armPacedReads(int count, int triggerLine, double settleSeconds) throws InstrumentException {
        batch.arm(requireBias(), count, triggerLine, settleSeconds, secondsPerReading(requireBias()));
    }

    @Override
    public double[] runPacedReads() throws InstrumentException {
        return batch.runArmed();
    }

    @Override
    public void outputOff() throws InstrumentException {
        run(() -> session.set(OUTPUT, "smua.OUTPUT_OFF"));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel", "smua");
        out.put("autozero", autoZero.constant);
        if (bias != null) {
            out.put("source_function", "smua.OUTPUT_DCVOLTS");
            out.put("bias_volts", bias.biasVolts());
            out.put("current_limit_amps", bias.currentLimitAmps());
            out.put("measure", "smua.measure.r()");
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
        // Output off in NORMAL off-mode leaves a 0 V source limited to offlimiti (RMB 7-227, RMF 2-42) but keeps the
        // programmed level for the next output-on (RMB 7-222), so the level goes to 0 V as well.
        this.bias = null;
        batch.disarm();
        return new SafeSteps()
                .step("off", () -> session.set(OUTPUT, "smua.OUTPUT_OFF"))
                .step("0 V", () -> session.set(biasVolts, 0.0))
                .finish();
    }

    private ReadBias requireBias() throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": read before configureRead");
        }
        return bias;
    }
}

package org.spinnoise.instrument.keysight;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafeSteps;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.instrument.TriggerEdge;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * Keysight (Agilent) B2900-series precision SMUs (B2901A/B2902A/B2911A/B2912A and their B models), channel 1, reading
 * resistance at a voltage bias in manual ohms mode, and pacing batches of bits with their acquire trigger system.
 * Sources, by key: SR2 = Agilent B2900 Series SCPI Command Reference B2910-90030 Ed. 2 (July 2011); UG2 = Agilent
 * B2900 Series User's Guide Ed. 2; DS = Keysight B2900A data sheet; SR61 = the sibling B2961A/B2962A SCPI Command
 * Reference B2961-90030 Ed. 6; "drv" = a node whose manual page was not found, its syntax cross-checked against the NI
 * agb2900 and PyMeasure drivers. Facts and gaps: mock-instruments/models/research/keysight-b2900-facts.md.
 */
public final class KeysightB2900 implements SourceMeter, PacedReads {
    /** [:SOURce[c]]:FUNCtion:MODE VOLTage (drv; UG2 p. 2-25). */
    private static final Setting<String> SOURCE_FUNCTION = Setting.choice(":SOUR:FUNC:MODE", "VOLT");
    /** :SENSe[c]:FUNCtion[:ON] "RESistance" (SR61 p. 4-93). */
    private static final Setting<String> SENSE_FUNCTION = Setting.quoted(":SENS:FUNC", "RES");
    /** :SENSe[c]:RESistance:MODE MANual: the voltage source stays as set, R from V and I (UG2 p. 2-25; SR2 p. 2-28). */
    private static final Setting<String> OHMS_MODE = Setting.choice(":SENS:RES:MODE", "MAN");
    /** :SENSe[c]:CURRent[:DC]:NPLCycles, 4.8E-4..100 (SR61 pp. 4-87/4-88); shared by all functions (SR2 p. 4-73). */
    private static final Setting<Double> NPLC = Setting.number(":SENS:CURR:NPLC", "PLC", 4.8e-4, 100);
    /** :FORMat:ELEMents:SENSe RESistance: one value per reading (SR61 p. 4-21). */
    private static final Setting<String> ELEMENTS = Setting.choice(":FORM:ELEM:SENS", "RES");
    /** :OUTPut[c]:OFF:MODE NORMal: off = 0 V, 100 uA limit, relay open (SR61 p. 4-67; UG2 p. 6-13). */
    private static final Setting<String> OFF_MODE = Setting.choice(":OUTP:OFF:MODE", "NORM");
    /** :OUTPut[c][:STATe] (drv). */
    private static final Setting<Boolean> OUTPUT = Setting.onOff(":OUTP");
    /** :MEASure:RESistance? (@1): one spot reading (SR2 p. 4-45). */
    private static final Command MEASURE = Command.of(":MEAS:RES? (@1)");

    /** :ABORt:ACQuire (drv): stops an acquire run still in progress. */
    private static final Command ABORT = Command.of(":ABOR:ACQ");
    /** :ARM[c]:ACQuire:SOURce TIMer (UG2 p. 6-27): one arm event per timer tick, one tick per bit. */
    private static final Setting<String> ARM_SOURCE = Setting.choice(":ARM:ACQ:SOUR", "TIM");
    /** :ARM[c]:ACQuire:TIMer, 20 us (B2901A/B2902A) .. 1E5 s (DS p. 17; drv). */
    private static final Setting<Double> ARM_TIMER = Setting.seconds(":ARM:ACQ:TIM", 2e-5, 1e5);
    /** :ARM[c]:ACQuire:COUNt 1..100000 (DS p. 17; drv): one arm cycle per reading. */
    private static final Setting<Integer> ARM_COUNT = Setting.count(":ARM:ACQ:COUN", 1, 100_000);
    /** :ARM[c]:ACQuire:DELay 0..1E5 s (DS p. 17; drv). */
    private static final Setting<Double> ARM_DELAY = Setting.seconds(":ARM:ACQ:DEL", 0, 1e5);
    /** :TRIGger[c]:ACQuire:SOURce AINT (UG2 p. 6-27): the trigger layer passes at once. */
    private static final Setting<String> TRIGGER_SOURCE = Setting.choice(":TRIG:ACQ:SOUR", "AINT");
    /** :TRIGger[c]:ACQuire:COUNt 1..100000 (DS p. 17; drv): one reading per trigger-layer pass. */
    private static final Setting<Integer> TRIGGER_COUNT = Setting.count(":TRIG:ACQ:COUN", 1, 100_000);
    /** :TRIGger[c]:ACQuire:DELay 0..1E5 s (DS p. 17): the wait before the measurement, after the edge (UG2 p. 6-27). */
    private static final Setting<Double> TRIGGER_DELAY = Setting.seconds(":TRIG:ACQ:DEL", 0, 1e5);
    /** :TRIGger[c]:ACQuire:TOUTput[:STATe] (drv): an edge at the change of status into the trigger layer. */
    private static final Setting<Boolean> TRIGGER_OUTPUT = Setting.onOff(":TRIG:ACQ:TOUT");
    /** :TRIGger[c]:ACQuire:TOUTput:SIGNal EXTn, DIO pin n = 1..14 (UG2 p. 6-27; drv). */
    private static final Setting<String> TRIGGER_OUTPUT_PIN = Setting.choice(":TRIG:ACQ:TOUT:SIGN", "EXT1", "EXT2",
            "EXT3", "EXT4", "EXT5", "EXT6", "EXT7", "EXT8", "EXT9", "EXT10", "EXT11", "EXT12", "EXT13", "EXT14");
    /** [:SOURce]:DIGital:EXTernal<n>:FUNCtion TOUT: the pin as a trigger output (drv; pins UG2 p. 6-27). */
    private static final Setting<String> PIN_FUNCTION = Setting.choice(":SOUR:DIG:EXT{ch}:FUNC", "TOUT");
    /**
     * [:SOURce]:DIGital:EXTernal<n>:POLarity POSitive: a high-going trigger output pulse, so it leads rising (drv
     * cross-check; the SR2 page and *RST value are NOT FOUND, hence always set).
     */
    private static final Setting<String> PIN_POLARITY = Setting.choice(":SOUR:DIG:EXT{ch}:POL", "POS");
    /** :INITiate[:IMMediate]:ACQuire, channel list default (@1) (SR2 p. 4-68; drv). */
    private static final Command INITIATE = Command.of(":INIT:ACQ");
    /** *OPC? (IEEE 488.2 §10.19); whether it waits for the trigger system is NOT FOUND, so the count is checked. */
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** :FETCh:ARRay:RESistance? (@1): every reading of the last run, comma-separated (SR61 p. 4-17; SR2 p. 1-12). */
    private static final Command FETCH_ALL = Command.of(":FETC:ARR:RES? (@1)");

    /** Most readings in one run: the arm count limit (DS p. 17); :FETCh:ARRay's own size limit is NOT FOUND. */
    static final int MAX_BATCH = 100_000;
    /**
     * The mains frequency assumed for NPLC: the B2900 line-frequency command was NOT FOUND, so the slower mains (50 Hz)
     * is assumed, which gives the longer integration (integration = NPLC / line frequency, SR2 p. 4-73).
     */
    static final double ASSUMED_LINE_HZ = 50;
    /**
     * Added to each timer period beyond settle plus integration: the per-reading overhead is NOT FOUND (UG2 p. 2-25
     * refers to a timing table not found), so the period is stretched by this fraction and fixed time, a choice.
     */
    static final double PERIOD_MARGIN_FRACTION = 0.25;
    static final double PERIOD_MARGIN_SECONDS = 1e-3;

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final Setting<Double> biasVolts;
    private final Setting<Double> currentLimit;
    private final PacedBatchReply batchReply;
    private ReadBias bias;
    private int armedCount;
    private double armedPeriodSeconds;

    public KeysightB2900(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        // [:SOURce[c]]:VOLTage[:LEVel][:IMMediate][:AMPLitude], SR2 p. 4-93; +/-210 V (SR61 p. 2-36; DS p. 16).
        this.biasVolts = Setting.volts(":SOUR:VOLT", -210, 210).limitedBy(limits.junctionVolts());
        // :SENSe[c]:CURRent[:DC]:PROTection[:LEVel], SR61 p. 4-90; up to 3.03 A DC (SR61 p. 2-36); the lowest
        // usable limit is NOT FOUND: 10 nA, the lowest current range of the series (UG5 p. 2-14), is the floor.
        this.currentLimit = Setting.amps(":SENS:CURR:PROT", 1e-8, 3.03).limitedBy(limits.current());
        this.batchReply = new PacedBatchReply(session.label(), FETCH_ALL.text());
    }

    /** True for the B2900-series SMU models (not the B2960 power sources or B2980 electrometers). */
    public static boolean drives(Identity id) {
        String maker = id.manufacturer().toUpperCase();
        return (maker.contains("KEYSIGHT") || maker.contains("AGILENT")) && id.model().matches("B29[01][12][AB]");
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void configureRead(ReadBias newBias) throws InstrumentException {
        limits.refuseUnsafe(session.label(), newBias);
        this.bias = null;
        this.armedCount = 0;
        // Limit and level go first, so that when the source function becomes voltage (should the unit have been left
        // sourcing current with its output on) it sources the bias within the limit, not a level left by others.
        run(() -> {
            session.set(currentLimit, newBias.currentLimitAmps());      // SR61 p. 4-90
            session.set(biasVolts, newBias.biasVolts());                // SR2 p. 4-93
            session.set(SOURCE_FUNCTION, "VOLT");                       // drv; UG2 p. 2-25
            session.set(SENSE_FUNCTION, "RES");                         // SR61 p. 4-93
            session.set(OHMS_MODE, "MAN");                              // UG2 p. 2-25: keep the voltage source
            session.set(NPLC, newBias.nplc());                          // SR61 p. 4-87
            session.set(ELEMENTS, "RES");                               // SR61 p. 4-21
            session.set(OFF_MODE, "NORM");                              // SR61 p. 4-67; UG2 p. 6-13
            session.set(OUTPUT, true);                                  // drv
        });
        this.bias = newBias;
    }

    @Override
    public double readResistanceOhms() throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": read before configureRead");
        }
        String reply = call(() -> session.ask(MEASURE));
        return batchReply.ohms(reply.trim(), bias, MEASURE.text());
    }

    /** The paced batch sets its DIO pin to polarity POSitive, a high-going pulse (driver cross-check): it leads rising. */
    @Override
    public TriggerEdge leadingEdge() {
        return TriggerEdge.RISING;
    }

    @Override
    public double secondsPerReading(ReadBias readBias) {
        return readBias.nplc() / ASSUMED_LINE_HZ;
    }

    @Override
    public void armPacedReads(int count, int triggerLine, double settleSeconds) throws InstrumentException {
        if (bias == null) {
            throw new InstrumentException(session.label() + ": paced reads armed before configureRead");
        }
        if (count < 1 || count > MAX_BATCH) {
            throw new InstrumentException(session.label() + ": a batch of " + count + " readings is outside 1.."
                    + MAX_BATCH + " (the arm count limit); split it");
        }
        if (triggerLine < 1 || triggerLine > 14) {
            throw new InstrumentException(session.label() + ": trigger line " + triggerLine
                    + " is not a DIO pin; the B2900 has EXT1..EXT14");
        }
        double periodSeconds = (settleSeconds + secondsPerReading(bias)) * (1 + PERIOD_MARGIN_FRACTION)
                + PERIOD_MARGIN_SECONDS;
        this.armedCount = 0;
        run(() -> {
            session.executeUnchecked(ABORT);                                              // drv
            session.setUnchecked(PIN_FUNCTION.channel(triggerLine), "TOUT");              // drv; UG2 p. 6-27
            session.setUnchecked(PIN_POLARITY.channel(triggerLine), "POS");               // drv; leads rising
            session.setUnchecked(TRIGGER_OUTPUT_PIN, "EXT" + triggerLine);                // drv; UG2 p. 6-27
            session.setUnchecked(TRIGGER_OUTPUT, true);                                   // drv
            session.setUnchecked(TRIGGER_SOURCE, "AINT");                                 // UG2 p. 6-27
            session.setUnchecked(TRIGGER_COUNT, 1);                                       // DS p. 17
            session.setUnchecked(TRIGGER_DELAY, settleSeconds);                           // DS p. 17; UG2 p. 6-27
            session.setUnchecked(ARM_SOURCE, "TIM");                                      // UG2 p. 6-27
            session.setUnchecked(ARM_TIMER, periodSeconds);                               // DS p. 17
            session.setUnchecked(ARM_DELAY, 0.0);                                         // DS p. 17
            session.setUnchecked(ARM_COUNT, count);                                       // DS p. 17
            // One *ESR? (IEEE 488.2 §10.12) confirms the sequence: a check per line costs a round trip each, and
            // the batch is re-armed per batch, which must stay within 0.01 round trips per bit.
            session.checkEventStatus();
        });
        this.armedCount = count;
        this.armedPeriodSeconds = periodSeconds;
    }

    @Override
    public double[] runPacedReads() throws InstrumentException {
        if (armedCount == 0 || bias == null) {
            throw new InstrumentException(session.label() + ": runPacedReads without an armed batch");
        }
        int count = armedCount;
        Duration expected = Duration.ofNanos((long) (count * armedPeriodSeconds * 1e9));
        String reply = call(() -> {
            // INIT starts the trigger system and returns at once; its errors, if any, are found by the error check
            // after the fetch. Asking for them straight after INIT would queue behind the batch on an instrument
            // that answers in order, so the first query is the *OPC? that waits for it.
            session.executeUnchecked(INITIATE);
            session.askWithin(OPERATION_COMPLETE, expected);
            return session.ask(FETCH_ALL);
        });
        double[] ohms = batchReply.parse(reply, count, bias);
        checkErrors();
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
            out.put("output_off_mode", "NORM");
        }
        if (armedCount > 0) {
            out.put("paced_batch_readings", armedCount);
            out.put("paced_period_seconds", armedPeriodSeconds);
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
        // A running batch is stopped first so it cannot switch the output back on (:OUTP:ON:AUTO, SR61 p. 4-67); then
        // output off (NORMal off state: 0 V and relay open, UG2 p. 6-13) and the programmed level to 0 V.
        this.bias = null;
        this.armedCount = 0;
        return new SafeSteps()
                .step("abort", () -> session.execute(ABORT))
                .step("off", () -> session.set(OUTPUT, false))
                .step("0 V", () -> session.set(biasVolts, 0.0))
                .finish();
    }
}

package org.spinnoise.instrument.keysight;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseChannelSteps;
import org.spinnoise.instrument.PulseChecks;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.TriggerEdge;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * Keysight 81150A / 81160A pulse function generators as a source of single triggered pulses, per bit (software
 * trigger) or per edge at the external input (batched). Facts from the 81150A/81160A User's Guide ("guide"; pages in
 * the comments) where its pages were found; the rest from the sibling HP 81101A Reference Manual or a third-party
 * 81150A driver, as the command table mock-instruments/models/keysight-8116x.commands.json records row by row. Every
 * pulse rests at 0 V: positive pulses are normal polarity from LOW 0 to HIGH, negative ones inverted with HIGH 0 and
 * LOW -V (inversion about the offset: NOT FOUND in the guide, so check the resting level on a scope first).
 */
public final class Keysight8116x implements PulseGenerator, ExternallyTriggeredPulses {
    /** [:SOURce]:FUNCtion[1|2] PULSe: node on guide p. 435; mnemonic NOT FOUND (table). */
    private static final Setting<String> FUNCTION = Setting.choice(":FUNC{ch}", "PULS");
    /** :PULSe:PERiod[1|2], 8.33 ns (81150A) / 3.03 ns (81160A) to 1,000,000 s, ignored for triggered pulses: p. 142. */
    private static final Setting<Double> PERIOD = Setting.seconds(":PULS:PER{ch}", 3.03e-9, 1e6);
    /** :PULSe:DELay[1|2], measured from the trigger (p. 658); spelling from the sibling 81101A, range NOT FOUND. */
    private static final Setting<Double> DELAY = Setting.seconds(":PULS:DEL{ch}", 0, 1e6).readBack();
    /** :OUTPut[1|2]:POLarity NORMal|INVerted: sibling 81101A p. 48. */
    private static final Setting<String> POLARITY = Setting.choice(":OUTP{ch}:POL", "NORM", "INV");
    /** :OUTPut[1|2] ON|OFF: third-party 81150A driver (guide page NOT FOUND). */
    private static final Setting<Boolean> OUTPUT = Setting.onOff(":OUTP{ch}");
    /**
     * :OUTPut[1|2]:IMPedance:EXTernal, the expected load, 0.1 ohm to 1 Mohm (sibling 81101A p. 48). INFinity NOT
     * FOUND, so the driver sends the maximum, 1 Mohm, and reads it back: against a kilo-ohm junction the level it
     * sees is then at most the programmed one, never the double it would see at the 50 ohm setting.
     */
    private static final Setting<Double> LOAD = Setting.number(":OUTP{ch}:IMP:EXT", "OHM", 0.1, 1e6).readBack();
    private static final double HIGH_Z_OHMS = 1e6;
    /** :ARM:SOURce[1|2] EXTernal|MANual and :ARM:SENSe[1|2] EDGE: guide p. 92 (triggered mode); spelling [driver]. */
    private static final Setting<String> ARM_SOURCE = Setting.choice(":ARM:SOUR{ch}", "EXT", "MAN");
    private static final Setting<String> ARM_SENSE = Setting.choice(":ARM:SENS{ch}", "EDGE");
    /** :ARM:SLOPe POSitive|NEGative and :ARM:LEVel: [driver] spellings, ranges NOT FOUND (table); never EITHer. */
    private static final Setting<String> ARM_SLOPE = Setting.choice(":ARM:SLOP", "POS", "NEG");
    private static final Setting<Double> ARM_LEVEL = Setting.volts(":ARM:LEV", -10, 10);
    /** Threshold for the SMU's digital-output edges (0 V to a logic high); the guide's range NOT FOUND. */
    private static final double EDGE_THRESHOLD_VOLTS = 1.5;
    /** The software trigger (third-party 81150A driver); which channels it fires NOT FOUND, so one at a time. */
    private static final Command TRIGGER = Command.of(":TRIG");
    private static final Command WAIT = Command.of("*WAI");
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** Fixed trigger-to-output delay: defined on p. 658 without a value (NOT FOUND); 1 us is a generous allowance. */
    static final double TRIGGER_LATENCY_ALLOWANCE_SECONDS = 1e-6;
    /** Gap after the reset pulse for its trailing edge; edge times NOT FOUND, 100 ns exceeds the 8.33 ns period. */
    static final double EDGE_ALLOWANCE_SECONDS = 100e-9;
    /** HIGH in the safe state: HIGH <= LOW behaviour NOT FOUND, so LOW 0 V and HIGH 2 mV keep HIGH above LOW. */
    private static final double SAFE_HIGH_VOLTS = 0.002;
    /** Level cap while the guide's level window is NOT FOUND (a third-party driver gives 5 Vpp into 50 ohm). */
    private static final double MAX_LEVEL_VOLTS = 5;

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final Setting<Double> width;
    private final Setting<Double> high;
    private final Setting<Double> low;
    private final Map<Integer, PulseShape> configured = new LinkedHashMap<>();

    public Keysight8116x(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        // The width page was NOT FOUND: the model's minimum period (p. 142) is the floor, as no pulse is narrower.
        this.width = Setting.seconds(":PULS:WIDT{ch}", minWidthSeconds(identity), 1e6).readBack();
        this.high = Setting.volts(":VOLT{ch}:HIGH", -MAX_LEVEL_VOLTS, MAX_LEVEL_VOLTS).limitedBy(limits.junctionVolts());
        this.low = Setting.volts(":VOLT{ch}:LOW", -MAX_LEVEL_VOLTS, MAX_LEVEL_VOLTS).limitedBy(limits.junctionVolts());
    }

    /** True for the 81150A and 81160A. */
    public static boolean drives(Identity id) {
        String maker = id.manufacturer().toUpperCase();
        return (maker.contains("KEYSIGHT") || maker.contains("AGILENT"))
                && (id.model().startsWith("81150") || id.model().startsWith("81160"));
    }

    /** Minimum period of the model (guide p. 142): 3.03 ns for the 81160A, 8.33 ns for the 81150A. */
    static double minWidthSeconds(Identity id) {
        return id.model().startsWith("81160") ? 3.03e-9 : 8.33e-9;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    /** Two channels assumed (p. 126 speaks of "the two channel instrument"; how *IDN? shows one: NOT FOUND). */
    @Override
    public int channelCount() {
        return 2;
    }

    @Override
    public PulseShape configure(int channel, PulseShape shape) throws InstrumentException {
        checkChannel(channel);
        PulseChecks.refuseUnsafeLevel(session.label(), limits, channel, shape);
        configured.remove(channel);
        double loadOhms = call(() -> {
            session.set(OUTPUT.channel(channel), false);
            return session.set(LOAD.channel(channel), HIGH_Z_OHMS);
        });
        if (loadOhms < HIGH_Z_OHMS * 0.99) {
            throw new InstrumentException(session.label() + ": ':OUTP" + channel + ":IMP:EXT 1E6' left the expected "
                    + "load at " + loadOhms + " ohm; the junction would see the wrong voltage, so nothing was fired");
        }
        return call(() -> {
            session.set(FUNCTION.channel(channel), "PULS");
            session.set(POLARITY.channel(channel), shape.amplitudeVolts() > 0 ? "NORM" : "INV");
            // The period must exceed the width (p. 142) at every step: width first only if it fits the period held.
            double periodSeconds = Math.max(1e-6, 10 * shape.widthSeconds());
            double actualWidth = PulseChannelSteps.setWidthWithinPeriod(session, width.channel(channel),
                    PERIOD.channel(channel), shape.widthSeconds(), periodSeconds);
            // Rests at 0 V either way (see the class comment); HIGH stays above LOW at every step.
            PulseChannelSteps.setLevelsRestingAtZero(session, high.channel(channel), low.channel(channel),
                    shape.amplitudeVolts());
            session.set(DELAY.channel(channel), 0.0);
            // Triggered mode: one pulse per edge (p. 92). MANual waits for the software trigger, not the input.
            session.set(ARM_SENSE.channel(channel), "EDGE");
            session.set(ARM_SOURCE.channel(channel), "MAN");
            session.set(OUTPUT.channel(channel), true);
            PulseShape actual = new PulseShape(shape.amplitudeVolts(), actualWidth);
            configured.put(channel, actual);
            return actual;
        });
    }

    @Override
    public void fire(int... channels) throws InstrumentException {
        List<Command> parts = new ArrayList<>();
        for (int channel : channels) {
            PulseChecks.requireConfigured(session.label(), configured, channel);
            // Which channels ':TRIG' fires is NOT FOUND, so every other configured channel waits on the external
            // input meanwhile: the reset and write pulses reach the junction one after the other, never summed.
            List<Integer> others = configured.keySet().stream().filter(c -> c != channel).toList();
            others.forEach(c -> parts.add(Command.of(":ARM:SOUR{ch} EXT").channel(c)));
            parts.add(TRIGGER);
            parts.add(WAIT);
            others.forEach(c -> parts.add(Command.of(":ARM:SOUR{ch} MAN").channel(c)));
        }
        parts.add(OPERATION_COMPLETE);
        Command fire = Command.sequence(parts.toArray(Command[]::new));
        String reply = call(() -> session.ask(fire));
        PulseChecks.checkFireReply(session.label(), fire, reply);
    }

    @Override
    public TriggeredPair armExternalTrigger(int resetChannel, PulseShape reset, int writeChannel, PulseShape write,
                                            TriggerEdge edge)
            throws InstrumentException {
        String slope = edge == TriggerEdge.RISING ? "POS" : "NEG";
        PulseChecks.requireTwoChannels(session.label(), resetChannel, writeChannel);
        PulseShape heldReset = configure(resetChannel, reset);
        PulseShape heldWrite = configure(writeChannel, write);
        // Both channels start on the same edge; the write channel's delay (from the trigger, p. 658) puts it after
        // the reset pulse and its trailing edge. Its period grows first so delay and width stay inside it.
        double delaySeconds = heldReset.widthSeconds() + EDGE_ALLOWANCE_SECONDS;
        double writeDelay = call(() -> {
            // Rounded up to whole nanoseconds so the value sent reads as the value meant.
            double periodNanos = Math.ceil(1e9 * Math.max(1e-6, 10 * (delaySeconds + heldWrite.widthSeconds())));
            session.set(PERIOD.channel(writeChannel), periodNanos / 1e9);
            double held = session.set(DELAY.channel(writeChannel), delaySeconds);
            session.set(ARM_SLOPE, slope);                   // the SMU's leading edge, where its settle starts
            session.set(ARM_LEVEL, EDGE_THRESHOLD_VOLTS);
            session.set(ARM_SOURCE.channel(resetChannel), "EXT");
            session.set(ARM_SOURCE.channel(writeChannel), "EXT");
            return held;
        });
        // An edge before both pulses have ended is ignored (p. 92); the fixed delay is NOT FOUND, hence the margin.
        double writeEnd = TRIGGER_LATENCY_ALLOWANCE_SECONDS + writeDelay + heldWrite.widthSeconds()
                + EDGE_ALLOWANCE_SECONDS;
        return new TriggeredPair(heldReset, heldWrite, writeDelay, writeEnd, writeEnd);
    }

    @Override
    public void outputsOff() throws InstrumentException {
        for (int channel = 1; channel <= channelCount(); channel++) {
            int ch = channel;
            configured.remove(ch);
            run(() -> session.set(OUTPUT.channel(ch), false));
        }
    }

    @Override
    public void checkErrors() throws InstrumentException {
        run(session::checkEventStatus);
    }

    @Override
    public String safeOff(int channel) throws InstrumentException {
        checkChannel(channel);
        configured.remove(channel);
        // HIGH first: every state this driver leaves has LOW at or below 0 V, so HIGH 2 mV stays above it.
        return PulseChannelSteps.safeOff(session, OUTPUT.channel(channel), high.channel(channel),
                low.channel(channel), SAFE_HIGH_VOLTS);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("expected_load_ohms", HIGH_Z_OHMS);
        configured.forEach((channel, shape) -> out.put("channel_" + channel, Map.of(
                "amplitude_volts", shape.amplitudeVolts(), "width_seconds", shape.widthSeconds())));
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

    private void checkChannel(int channel) throws InstrumentException {
        PulseChecks.checkChannel(session.label(), channel, channelCount());
    }
}

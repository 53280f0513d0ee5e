package org.spinnoise.instrument.tektronix;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Tektronix AFG31000 series as a source of single triggered pulses. The AFG31000 programmer manual was not available:
 * nodes follow the AFG3000 command text in Tektronix's tm_devices package ("AFG3K", a sibling that shares the tree)
 * and AFG31000 drivers, as mock-instruments/models/tektronix-afg31000.commands.json records row by row. One trigger
 * source serves both channels, so the order of the reset and write pulses comes from each channel's burst trigger
 * delay; a channel fired alone has the other output switched off around the trigger. Every pulse rests at 0 V:
 * positive ones are normal polarity from LOW 0 to HIGH, negative ones inverted (about the offset, sibling wording)
 * with HIGH 0 and LOW -V, and the idle level between bursts is pinned to the first point (BURSt:IDLE START).
 */
public final class TektronixAfg31000 implements PulseGenerator, ExternallyTriggeredPulses {
    /** [SOURce[1|2]]:FUNCtion[:SHAPe] PULSe: AFG3K source1.py [sibling]. */
    private static final Setting<String> FUNCTION = Setting.choice("SOUR{ch}:FUNC", "PULS");
    /** [SOURce[1|2]]:PULSe:PERiod: AFG3K [sibling]; range NOT FOUND (table placeholders 20 ns to 1000 s). */
    private static final Setting<Double> PERIOD = Setting.seconds("SOUR{ch}:PULS:PER", 2e-8, 1000);
    /** OUTPut[1|2]:IMPedance INFinity (high impedance; query 9.9E+37): AFG3K output1.py [sibling]. */
    private static final Setting<String> LOAD = Setting.choice("OUTP{ch}:IMP", "INF");
    private static final Command LOAD_QUERY = Command.of("OUTP{ch}:IMP?");
    private static final double HIGH_Z_OHMS = 9.9e37;
    /** OUTPut[1|2]:POLarity NORMal|INVerted, inverted relative to the offset: AFG3K output1.py [sibling]. */
    private static final Setting<String> POLARITY = Setting.choice("OUTP{ch}:POL", "NORM", "INV");
    /** OUTPut[1|2][:STATe]: AFG3K output1.py [sibling]. */
    private static final Setting<Boolean> OUTPUT = Setting.onOff("OUTP{ch}");
    /** BURSt[:STATe], :MODE TRIGgered, :NCYCles 1: AFG3K source1.py [sibling]. */
    private static final Setting<Boolean> BURST = Setting.onOff("SOUR{ch}:BURS:STAT");
    private static final Setting<String> BURST_MODE = Setting.choice("SOUR{ch}:BURS:MODE", "TRIG");
    private static final Setting<Integer> CYCLES = Setting.count("SOUR{ch}:BURS:NCYC", 1, 1_000_000);
    /** BURSt:TDELay, 0 to 85 s, 100 ps resolution: AFG3K source1.py [sibling]; read back for the rounding. */
    private static final Setting<Double> TRIGGER_DELAY = Setting.seconds("SOUR{ch}:BURS:TDEL", 0, 85).readBack();
    /** BURSt:IDLE START holds the first point between bursts: AFG31000 driver only (manual NOT FOUND). */
    private static final Setting<String> IDLE = Setting.choice("SOUR{ch}:BURS:IDLE", "START");
    /** TRIGger[:SEQuence]:SOURce EXTernal and :SLOPe POSitive, shared by both channels: AFG3K trigger.py. */
    private static final Setting<String> TRIGGER_SOURCE = Setting.choice("TRIG:SOUR", "EXT");
    private static final Setting<String> TRIGGER_SLOPE = Setting.choice("TRIG:SLOP", "POS", "NEG");
    /** TRIGger[:SEQuence][:IMMediate] forces a trigger event: AFG3K trigger.py [sibling]. */
    private static final Command TRIGGER = Command.of("TRIG");
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** Trigger latency NOT FOUND: 1 us allowance on the re-arm and end times. */
    static final double TRIGGER_LATENCY_ALLOWANCE_SECONDS = 1e-6;
    /** Edge times NOT FOUND: 100 ns between one pulse's end and the next pulse. */
    static final double EDGE_ALLOWANCE_SECONDS = 100e-9;
    /** LOW 0 V and HIGH 2 mV in the safe state: HIGH <= LOW behaviour NOT FOUND, so HIGH stays above LOW. */
    private static final double SAFE_HIGH_VOLTS = 0.002;

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final Setting<Double> width;
    private final Setting<Double> high;
    private final Setting<Double> low;
    private final Map<Integer, PulseShape> configured = new LinkedHashMap<>();
    private final Map<Integer, Double> delaySeconds = new LinkedHashMap<>();

    public TektronixAfg31000(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        // [SOURce[1|2]]:PULSe:WIDTh up to 999.99 s: AFG3000 programmer-manual text (sibling; the AFG31000 manual was
        // NOT FOUND), read back because the instrument rounds it; the per-model minimum is in minWidthSeconds.
        this.width = Setting.seconds("SOUR{ch}:PULS:WIDT", minWidthSeconds(identity), 999.99).readBack();
        // [SOURce[1|2]]:VOLTage:HIGH / :LOW: AFG3000 programmer-manual text (sibling); the level window per model is
        // the Tektronix AFG31K driver's (maxLevelVolts), NOT FOUND in an AFG31000 manual.
        double levelVolts = maxLevelVolts(identity);
        this.high = Setting.volts("SOUR{ch}:VOLT:HIGH", -levelVolts, levelVolts).limitedBy(limits.junctionVolts());
        this.low = Setting.volts("SOUR{ch}:VOLT:LOW", -levelVolts, levelVolts).limitedBy(limits.junctionVolts());
    }

    /** True for the AFG31000 series (AFG31021 to AFG31252). */
    public static boolean drives(Identity id) {
        return id.manufacturer().toUpperCase(Locale.ROOT).contains("TEKTRONIX") && id.model().startsWith("AFG31");
    }

    /** Two-channel models end in 2 (AFG31022 ... AFG31252), one-channel ones in 1 (AFG31000 driver table). */
    static int channelsOf(Identity id) {
        return id.model().endsWith("2") ? 2 : 1;
    }

    /** Minimum width by bandwidth: 16/10/6/5/4 ns for the 25/50/100/150/250 MHz models (AFG31000 driver). */
    static double minWidthSeconds(Identity id) {
        String model = id.model();
        if (model.startsWith("AFG3125")) {
            return 4e-9;
        } else if (model.startsWith("AFG3115")) {
            return 5e-9;
        } else if (model.startsWith("AFG3110")) {
            return 6e-9;
        } else if (model.startsWith("AFG3105")) {
            return 10e-9;
        }
        return 16e-9;
    }

    /** ±5 V into high impedance on the 150/250 MHz models, ±10 V on the others (Tektronix AFG31K driver). */
    static double maxLevelVolts(Identity id) {
        return id.model().startsWith("AFG3115") || id.model().startsWith("AFG3125") ? 5 : 10;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public int channelCount() {
        return channelsOf(identity);
    }

    @Override
    public PulseShape configure(int channel, PulseShape shape) throws InstrumentException {
        checkChannel(channel);
        PulseChecks.refuseUnsafeLevel(session.label(), limits, channel, shape);
        configured.remove(channel);
        String loadReply = call(() -> {
            session.set(OUTPUT.channel(channel), false);
            session.set(LOAD.channel(channel), "INF");
            return session.askChecked(LOAD_QUERY.channel(channel));
        });
        if (!isHighImpedance(loadReply)) {
            throw new InstrumentException(session.label() + ": 'OUTP" + channel + ":IMP INF' left the load at "
                    + loadReply.trim() + " ohm; the junction would see the wrong voltage, so nothing was fired");
        }
        return call(() -> {
            session.set(FUNCTION.channel(channel), "PULS");
            session.set(POLARITY.channel(channel), shape.amplitudeVolts() > 0 ? "NORM" : "INV");
            // Width must stay below the period at every step (AFG3K PULSe:WIDTh), so the order depends on both.
            double periodSeconds = Math.max(1e-6, 10 * shape.widthSeconds());
            double actualWidth = PulseChannelSteps.setWidthWithinPeriod(session, width.channel(channel),
                    PERIOD.channel(channel), shape.widthSeconds(), periodSeconds);
            PulseChannelSteps.setLevelsRestingAtZero(session, high.channel(channel), low.channel(channel),
                    shape.amplitudeVolts());
            session.set(BURST_MODE.channel(channel), "TRIG");
            session.set(CYCLES.channel(channel), 1);
            delaySeconds.put(channel, session.set(TRIGGER_DELAY.channel(channel), 0.0));
            session.set(IDLE.channel(channel), "START");
            // EXTernal even per bit: the timer source would fire bursts on its own, and TRIG forces one anyway.
            session.set(TRIGGER_SOURCE, "EXT");
            session.set(BURST.channel(channel), true);
            session.set(OUTPUT.channel(channel), true);
            PulseShape actual = new PulseShape(shape.amplitudeVolts(), actualWidth);
            configured.put(channel, actual);
            return actual;
        });
    }

    @Override
    public void fire(int... channels) throws InstrumentException {
        for (int channel : channels) {
            PulseChecks.requireConfigured(session.label(), configured, channel);
        }
        List<Integer> firing = java.util.Arrays.stream(channels).boxed().toList();
        List<Integer> idle = configured.keySet().stream().filter(c -> !firing.contains(c)).toList();
        call(() -> {
            // One trigger fires every channel in triggered burst: the order comes from the delays, and a channel
            // not fired now has its output off meanwhile (it rests at 0 V either way).
            double startSeconds = 0;
            for (int channel : firing) {
                setDelay(channel, startSeconds);
                startSeconds = delaySeconds.get(channel) + configured.get(channel).widthSeconds()
                        + EDGE_ALLOWANCE_SECONDS;
            }
            for (int channel : idle) {
                session.set(OUTPUT.channel(channel), false);
            }
            return null;
        });
        List<Command> parts = new ArrayList<>(List.of(TRIGGER, OPERATION_COMPLETE));
        Command fire = Command.sequence(parts.toArray(Command[]::new));
        String reply = call(() -> session.ask(fire));
        run(() -> {
            for (int channel : idle) {
                session.set(OUTPUT.channel(channel), true);
            }
        });
        PulseChecks.checkFireReply(session.label(), fire, reply);
    }

    /** Sends a channel's trigger delay only when it changes, so repeated bits cost one round trip. */
    private void setDelay(int channel, double seconds) throws org.spinnoise.scpi.ScpiException {
        Double held = delaySeconds.get(channel);
        if (held == null || Math.abs(held - seconds) > 1e-10) {
            delaySeconds.put(channel, session.set(TRIGGER_DELAY.channel(channel), seconds));
        }
    }

    @Override
    public TriggeredPair armExternalTrigger(int resetChannel, PulseShape reset, int writeChannel, PulseShape write,
                                            TriggerEdge edge)
            throws InstrumentException {
        String slope = edge == TriggerEdge.RISING ? "POS" : "NEG";
        PulseChecks.requireTwoChannels(session.label(), resetChannel, writeChannel);
        PulseShape heldReset = configure(resetChannel, reset);
        PulseShape heldWrite = configure(writeChannel, write);
        double writeDelay = call(() -> {
            setDelay(writeChannel, heldReset.widthSeconds() + EDGE_ALLOWANCE_SECONDS);
            session.set(TRIGGER_SLOPE, slope);               // the SMU's leading edge, where its settle starts
            return delaySeconds.get(writeChannel);
        });
        // A one-cycle burst lasts one period after its delay; an edge before both have ended is taken as ignored.
        double resetPeriod = Math.max(1e-6, 10 * heldReset.widthSeconds());
        double writePeriod = Math.max(1e-6, 10 * heldWrite.widthSeconds());
        double writeEnd = TRIGGER_LATENCY_ALLOWANCE_SECONDS + writeDelay + heldWrite.widthSeconds()
                + EDGE_ALLOWANCE_SECONDS;
        double rearm = TRIGGER_LATENCY_ALLOWANCE_SECONDS + Math.max(resetPeriod, writeDelay + writePeriod);
        return new TriggeredPair(heldReset, heldWrite, writeDelay, writeEnd, rearm);
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
        return PulseChannelSteps.safeOff(session, OUTPUT.channel(channel), high.channel(channel),
                low.channel(channel), SAFE_HIGH_VOLTS);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("output_load", "INF (high impedance)");
        configured.forEach((channel, shape) -> out.put("channel_" + channel, Map.of(
                "amplitude_volts", shape.amplitudeVolts(), "width_seconds", shape.widthSeconds(),
                "trigger_delay_seconds", delaySeconds.getOrDefault(channel, 0.0))));
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

    /** INFinity reads back as 9.9E+37 (AFG3K output1.py [sibling]); the word itself is accepted too. */
    private static boolean isHighImpedance(String loadReply) {
        return PulseChecks.isHighImpedance(loadReply, HIGH_Z_OHMS);
    }

    private void checkChannel(int channel) throws InstrumentException {
        PulseChecks.checkChannel(session.label(), channel, channelCount());
    }
}

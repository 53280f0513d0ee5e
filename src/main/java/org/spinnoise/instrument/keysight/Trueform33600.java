package org.spinnoise.instrument.keysight;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.util.LinkedHashMap;
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
 * Keysight Trueform waveform generators (33500B and 33600A series) as a source of single triggered pulses. Commands
 * follow the series' programming guide. The output load is set to high impedance because the junction is
 * kilo-ohms, not 50 Ω: at the default 50 Ω setting the junction would see twice the programmed voltage. Every pulse
 * rests at 0 V: positive ones rise from LOW 0 to HIGH, negative ones use inverted polarity (about the offset) and
 * fall from HIGH 0 to LOW.
 */
public final class Trueform33600 implements PulseGenerator, ExternallyTriggeredPulses {
    // Every node, range and keyword from the series' guide available, the Agilent 33500 Series Operating and Service
    // Guide ("guide"), or where marked the sibling Keysight EDU33210 User's Guide EDU33212-90002 Ed. 4 ("EDU");
    // the command table mock-instruments/models/keysight-trueform.commands.json holds the same rows with their cites.
    /** [SOURce[1|2]:]FUNCtion PULSe: EDU pp. 83, 102 (the guide's function page was not found). */
    private static final Setting<String> FUNCTION = Setting.choice("SOUR{ch}:FUNC", "PULS");
    /** FUNCtion:PULSe:PERiod: up to 1,000,000 s (EDU p. 96); at least width + 16 ns, as the width rule implies (p. 69). */
    private static final Setting<Double> PERIOD = Setting.seconds("SOUR{ch}:FUNC:PULS:PER", 3.2e-8, 1e6);
    /** BURSt:STATe and BURSt:MODE TRIGgered: guide p. 177, EDU p. 134. */
    private static final Setting<Boolean> BURST = Setting.onOff("SOUR{ch}:BURS:STAT");
    private static final Setting<String> BURST_MODE = Setting.choice("SOUR{ch}:BURS:MODE", "TRIG");
    /** BURSt:NCYCles 1 to 100,000,000: Keysight 33500 web help, BURSt subsystem; EDU p. 136. */
    private static final Setting<Integer> CYCLES = Setting.count("SOUR{ch}:BURS:NCYC", 1, 100_000_000);
    /**
     * TRIGger[1|2]:SOURce BUS (fired by TRIG or *TRG) or EXTernal (one burst per edge at the rear-panel Ext Trig
     * input, edges during a burst ignored): guide p. 318, EDU pp. 139, 142-144.
     */
    private static final Setting<String> TRIGGER_SOURCE = Setting.choice("TRIG{ch}:SOUR", "BUS", "EXT");
    /** TRIGger[1|2]:SLOPe POSitive|NEGative, the edge that triggers: guide p. 318, EDU pp. 140, 144. */
    private static final Setting<String> TRIGGER_SLOPE = Setting.choice("TRIG{ch}:SLOP", "POS", "NEG");
    /**
     * TRIGger[1|2]:DELay, from the edge to the burst. Its page was NOT FOUND in the guide or EDU; the range 0 to
     * 1000 s is from public driver documentation (see the command table), so the driver reads the value back.
     */
    private static final Setting<Double> TRIGGER_DELAY = Setting.seconds("TRIG{ch}:DEL", 0, 1000).readBack();
    /**
     * Longest pulse edge (10 % to 90 %), 1 µs (EDU p. 99; the 33500 minimum is 8.4 ns, guide p. 69): the write pulse
     * starts this long after the reset pulse's nominal end, and a pulse is taken to end this long after its width.
     */
    static final double EDGE_MARGIN_SECONDS = 1e-6;
    /**
     * Extra time before a channel follows another edge. The trigger latency, jitter and minimum external-trigger
     * period for bursts are NOT FOUND (no data sheet); the guide asks sweep time + 1 ms between external sweep
     * triggers (p. 318), so the same 1 ms is kept after the bursts.
     */
    static final double REARM_MARGIN_SECONDS = 1e-3;
    /** OUTPut[1|2]:POLarity NORMal|INVerted, inverted about the offset: EDU pp. 93-94. */
    private static final Setting<String> POLARITY = Setting.choice("OUTP{ch}:POL", "NORM", "INV");
    /** OUTPut[1|2] ON|OFF: EDU pp. 92-93. */
    private static final Setting<Boolean> OUTPUT = Setting.onOff("OUTP{ch}");
    /** OUTPut[1|2]:LOAD INFinity, guide p. 61; the driver always sets high impedance and reads it back. */
    private static final Setting<String> LOAD = Setting.choice("OUTP{ch}:LOAD", "INF");
    private static final Command LOAD_QUERY = Command.of("OUTP{ch}:LOAD?");
    /** TRIGger[1|2] with *WAI, so the burst ends before the next channel fires: guide p. 318. */
    private static final Command TRIGGER_AND_WAIT = Command.of(":TRIG{ch};*WAI");
    /** *OPC? answers 1 once every pending operation (the bursts) is complete: guide p. 318. */
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** SCPI's infinity; the guide names the load INFinity (p. 61) but its query reply was not found. */
    private static final double HIGH_Z_OHMS = 9.9e37;
    /** Shortest pulse the series' guide documents (33500 Series Operating and Service Guide, p. 69). */
    public static final double MIN_WIDTH_SECONDS = 16e-9;
    /** Levels within ±5 V as shown into 50 Ω, which is ±10 V open circuit (guide p. 215); the stricter bound is kept. */
    private static final double MAX_LEVEL_VOLTS = 5;

    private final ScpiSession session;
    private final Identity identity;
    private final SafetyLimits limits;
    private final Setting<Double> width;
    private final Setting<Double> high;
    private final Setting<Double> low;
    private final Map<Integer, PulseShape> configured = new LinkedHashMap<>();
    /** Channels armed on the external trigger input: bus triggers do not fire them. */
    private final java.util.Set<Integer> external = new java.util.HashSet<>();

    public Trueform33600(ScpiSession session, Identity identity, SafetyLimits limits) {
        this.session = session;
        this.identity = identity;
        this.limits = limits;
        // 16 ns is the minimum width the series' operating guide gives (Agilent 33500 Series Operating and Service
        // Guide, "Pulse Width", p. 69). No 33600A guide or data sheet could be consulted, so the 33600A is held to
        // the same documented minimum rather than to a shorter figure from memory.
        this.width = Setting.seconds("SOUR{ch}:FUNC:PULS:WIDT", MIN_WIDTH_SECONDS, 1e6).readBack();
        // VOLTage:HIGH / :LOW, guide p. 323.
        this.high = Setting.volts("SOUR{ch}:VOLT:HIGH", -MAX_LEVEL_VOLTS, MAX_LEVEL_VOLTS)
                .limitedBy(limits.junctionVolts());
        this.low = Setting.volts("SOUR{ch}:VOLT:LOW", -MAX_LEVEL_VOLTS, MAX_LEVEL_VOLTS)
                .limitedBy(limits.junctionVolts());
    }

    /** True for the models this driver knows. */
    public static boolean drives(Identity id) {
        String maker = id.manufacturer().toUpperCase();
        return (maker.contains("KEYSIGHT") || maker.contains("AGILENT"))
                && (id.model().startsWith("335") || id.model().startsWith("336"));
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public int channelCount() {
        return channelsOf(identity);
    }

    /** Two-channel models end in 0 or 2 (33510B, 33512B, 33520B, 33522B, 33612A, 33622A); 33509B, 33511B, 33519B,
     * 33521B, 33611A and 33621A have one. */
    static int channelsOf(Identity id) {
        return id.model().matches("33[56]\\d[02].*") ? 2 : 1;
    }

    @Override
    public PulseShape configure(int channel, PulseShape shape) throws InstrumentException {
        checkChannel(channel);
        // Refuse an unsafe level before touching the instrument, so a refused pulse leaves the channel as it was
        // rather than half reconfigured. The level setting carries the same limit, checked again when it is sent.
        PulseChecks.refuseUnsafeLevel(session.label(), limits, channel, shape);
        // Until this call succeeds the channel is in no known state, so it must not be fired.
        configured.remove(channel);
        external.remove(channel);
        String loadReply = call(() -> {
            session.set(OUTPUT.channel(channel), false);
            session.set(LOAD.channel(channel), "INF");
            return session.askChecked(LOAD_QUERY.channel(channel));
        });
        if (!isHighImpedance(loadReply)) {
            throw new InstrumentException(session.label() + ": 'OUTP" + channel + ":LOAD INF' left the load at "
                    + loadReply.trim() + " ohm; the junction would see the wrong voltage, so nothing was fired");
        }
        return call(() -> {
            session.set(FUNCTION.channel(channel), "PULS");
            session.set(POLARITY.channel(channel), shape.amplitudeVolts() > 0 ? "NORM" : "INV");
            // A width too long for the period in force would be shortened to fit (guide p. 69), so the order depends
            // on both. The period only sets how long the single-pulse burst lasts: 10 % duty, at least 1 µs.
            double periodSeconds = burstPeriodSeconds(shape.widthSeconds());
            double actualWidth = PulseChannelSteps.setWidthWithinPeriod(session, width.channel(channel),
                    PERIOD.channel(channel), shape.widthSeconds(), periodSeconds);
            // Inversion mirrors the waveform about the offset: a normal pulse rests at LOW and rises to HIGH, an
            // inverted one rests at HIGH and falls to LOW. So a positive pulse is NORM with LOW 0, HIGH +V and a
            // negative one INV with HIGH 0, LOW -V: both rest at 0 V. The order keeps HIGH above LOW at every step
            // whatever the channel held before (the instrument refuses HIGH <= LOW).
            PulseChannelSteps.setLevelsRestingAtZero(session, high.channel(channel), low.channel(channel),
                    shape.amplitudeVolts());
            session.set(BURST_MODE.channel(channel), "TRIG");
            session.set(CYCLES.channel(channel), 1);
            // Back on bus triggers, whatever an externally triggered batch left (the trigger delay stays: a bus
            // burst fired with *WAI and *OPC? only starts that much later).
            session.set(TRIGGER_SOURCE.channel(channel), "BUS");
            session.set(BURST.channel(channel), true);
            session.set(OUTPUT.channel(channel), true);
            PulseShape actual = new PulseShape(shape.amplitudeVolts(), actualWidth);
            configured.put(channel, actual);
            return actual;
        });
    }

    /** The pulse's period, which only sets how long its single-pulse burst lasts: 10 % duty, at least 1 µs. */
    private static double burstPeriodSeconds(double widthSeconds) {
        return Math.max(1e-6, 10 * widthSeconds);
    }

    @Override
    public TriggeredPair armExternalTrigger(int resetChannel, PulseShape reset, int writeChannel, PulseShape write,
                                            TriggerEdge edge)
            throws InstrumentException {
        String slope = edge == TriggerEdge.RISING ? "POS" : "NEG";
        PulseChecks.requireTwoChannels(session.label(), resetChannel, writeChannel);
        // Both levels are checked before either channel is touched; each configure then leaves its channel resting at
        // 0 V on bus triggers, and only then does the trigger source move to the external input.
        for (PulseShape shape : new PulseShape[] {reset, write}) {
            String unsafe = limits.junctionVolts().problemWith(Math.abs(shape.amplitudeVolts()));
            if (unsafe != null) {
                throw new InstrumentException(session.label() + ": pulse of " + shape.amplitudeVolts()
                        + " V not armed on the external trigger: it " + unsafe);
            }
        }
        PulseShape actualReset = configure(resetChannel, reset);
        PulseShape actualWrite = configure(writeChannel, write);
        double writeDelaySeconds = actualReset.widthSeconds() + EDGE_MARGIN_SECONDS;
        double heldDelay = call(() -> {
            // The SMU's leading edge, where its settle time starts (a rising slope on a low-going pulse fires late).
            session.set(TRIGGER_SLOPE.channel(resetChannel), slope);
            session.set(TRIGGER_SLOPE.channel(writeChannel), slope);
            session.set(TRIGGER_DELAY.channel(resetChannel), 0.0);
            double held = session.set(TRIGGER_DELAY.channel(writeChannel), writeDelaySeconds);
            session.set(TRIGGER_SOURCE.channel(resetChannel), "EXT");
            session.set(TRIGGER_SOURCE.channel(writeChannel), "EXT");
            return held;
        });
        external.add(resetChannel);
        external.add(writeChannel);
        if (heldDelay < actualReset.widthSeconds()) {
            safeOff(writeChannel);
            throw new InstrumentException(session.label() + ": 'TRIG" + writeChannel + ":DEL' holds " + heldDelay
                    + " s, before the reset pulse ends at " + actualReset.widthSeconds()
                    + " s; the pulses would overlap, so the write channel was switched off");
        }
        double writeEndSeconds = heldDelay + actualWrite.widthSeconds() + EDGE_MARGIN_SECONDS;
        double busySeconds = Math.max(burstPeriodSeconds(actualReset.widthSeconds()),
                heldDelay + burstPeriodSeconds(actualWrite.widthSeconds()));
        return new TriggeredPair(actualReset, actualWrite, heldDelay, writeEndSeconds,
                busySeconds + REARM_MARGIN_SECONDS);
    }

    @Override
    public void fire(int... channels) throws InstrumentException {
        Command[] parts = new Command[channels.length + 1];
        for (int i = 0; i < channels.length; i++) {
            if (external.contains(channels[i])) {
                throw new InstrumentException(session.label() + ": channel " + channels[i]
                        + " is armed on the external trigger input; configure it again to fire it by bus");
            }
            PulseChecks.requireConfigured(session.label(), configured, channels[i]);
            // *WAI after each trigger lets the burst finish before the next channel fires, as the guide advises
            // for consecutive bus triggers (p. 318): a reset pulse and a write pulse must reach the junction one
            // after the other, never summed.
            parts[i] = TRIGGER_AND_WAIT.channel(channels[i]);
        }
        // *OPC? returns 1 once the burst is complete (same page), so a read that follows sees the junction after it.
        parts[channels.length] = OPERATION_COMPLETE;
        Command fire = Command.sequence(parts);
        String reply = call(() -> session.ask(fire));
        PulseChecks.checkFireReply(session.label(), fire, reply);
    }

    @Override
    public void outputsOff() throws InstrumentException {
        for (int channel = 1; channel <= channelCount(); channel++) {
            int ch = channel;
            // A channel whose output is off would "fire" without a pulse; it must be configured again first.
            configured.remove(ch);
            external.remove(ch);
            run(() -> session.set(OUTPUT.channel(ch), false));
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("output_load", "INF (high impedance)");
        configured.forEach((channel, shape) -> out.put("channel_" + channel, Map.of(
                "amplitude_volts", shape.amplitudeVolts(), "width_seconds", shape.widthSeconds(),
                "burst_cycles", 1, "trigger_source", external.contains(channel) ? "EXT" : "BUS")));
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

    /**
     * The guide names the setting INFinity (33500 Series Operating and Service Guide, OUTPut:LOAD, p. 61) but the
     * pages available do not show what the query returns for it; SCPI instruments print infinity as 9.9E+37, and
     * the word itself is accepted too.
     */
    private static boolean isHighImpedance(String loadReply) {
        return PulseChecks.isHighImpedance(loadReply, HIGH_Z_OHMS);
    }

    private void checkChannel(int channel) throws InstrumentException {
        PulseChecks.checkChannel(session.label(), channel, channelCount());
    }

    /**
     * The HIGH level of a channel in its safe state. The generator keeps HIGH above LOW (set equal, it moves the other
     * level 1 mV away and reports a conflict: guide p. 323), so "levels to 0 V" is LOW 0 V and HIGH 2 mV: with the
     * output switched on again by hand the junction would see at most 2 mV (4 mV at the 50 Ω load setting), far below
     * any switching voltage. The guide's minimum amplitude was not found; 2 mV clears the documented 1 mV gap.
     */
    private static final double SAFE_HIGH_VOLTS = 0.002;

    @Override
    public void checkErrors() throws InstrumentException {
        run(session::checkEventStatus);
    }

    @Override
    public String safeOff(int channel) throws InstrumentException {
        checkChannel(channel);
        // Whatever the outcome, the channel is no longer in the state it was configured for.
        configured.remove(channel);
        external.remove(channel);
        // HIGH first: every state this driver (or *RST) leaves has LOW at or below 0 V, so HIGH 2 mV stays above it,
        // and then LOW may rise to 0 V; the other order would be refused after a negative pulse (HIGH 0, LOW -V).
        return PulseChannelSteps.safeOff(session, OUTPUT.channel(channel), high.channel(channel),
                low.channel(channel), SAFE_HIGH_VOLTS);
    }
}

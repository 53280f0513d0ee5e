package org.spinnoise.instrument;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.link.WireLog;

/**
 * The connected instruments of one junction's bench and how they are wired: which pulse-generator channel carries
 * write pulses and which carries reset pulses (both reach the junction through a combiner or bias tee), and the SMU
 * that reads it. {@link #safeState()} turns every output off; closing the bench closes the links.
 */
public final class Bench implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
    // Replaced only by a reconnect (BenchReconnect), on the acquisition's thread; volatile for a stop's safe state.
    private volatile PulseGenerator pulse;
    private volatile SourceMeter smu;
    private final int writeChannel;
    private final int resetChannel;
    /** How to open the instruments again: null for a bench built from instruments opened elsewhere. */
    private final Addresses addresses;

    /** Where the instruments were opened, with what, so a reconnect opens them the same way. */
    record Addresses(String pulse, String smu, SafetyLimits limits, WireLog wire) {
    }

    public Bench(PulseGenerator pulse, SourceMeter smu, int writeChannel, int resetChannel) {
        this(pulse, smu, writeChannel, resetChannel, null);
    }

    private Bench(PulseGenerator pulse, SourceMeter smu, int writeChannel, int resetChannel, Addresses addresses) {
        this.pulse = pulse;
        this.smu = smu;
        this.writeChannel = writeChannel;
        this.resetChannel = resetChannel;
        this.addresses = addresses;
    }

    /**
     * Opens both instruments by address, each checked by its {@code *IDN?}. When the bench cannot be used (the SMU
     * does not answer, the wiring names a channel the generator lacks), whatever did connect is put in its safe state
     * before it is closed: an earlier session that was killed may have left an output on.
     */
    public static Bench connect(String pulseAddress, String smuAddress, int writeChannel, int resetChannel,
                                SafetyLimits limits, WireLog wire) throws InstrumentException {
        PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", pulseAddress, limits, wire);
        SourceMeter smu;
        try {
            smu = InstrumentCatalog.openSourceMeter("smu", smuAddress, limits, wire);
        } catch (InstrumentException e) {
            pulseChannelsSafe(pulse, new LinkedHashMap<>());
            pulse.close();
            throw e;
        }
        Bench bench = new Bench(pulse, smu, writeChannel, resetChannel,
                new Addresses(pulseAddress, smuAddress, limits, wire));
        if (writeChannel == resetChannel || Math.max(writeChannel, resetChannel) > pulse.channelCount()) {
            bench.safeState();
            bench.close();
            throw new InstrumentException("pulse: write channel " + writeChannel + " and reset channel "
                    + resetChannel + " must be two different channels of the " + pulse.channelCount()
                    + "-channel " + pulse.identity().label());
        }
        return bench;
    }

    public PulseGenerator pulse() {
        return pulse;
    }

    public SourceMeter smu() {
        return smu;
    }

    public int writeChannel() {
        return writeChannel;
    }

    public int resetChannel() {
        return resetChannel;
    }

    /**
     * Gets the instruments back after a failure a reconnect can cure ({@link BenchReconnect#curable}): outputs to
     * their safe state as far as they answer, both sessions closed, each address reopened with back-off, each
     * instrument required to be the very one the bench started with (maker, model, serial number) and put in its safe
     * state. Settings are NOT restored: the caller configures what its scheme needs. A stop asked for ends the
     * attempts before the next one.
     *
     * @throws InstrumentException after the policy's attempts, at once when another instrument answers, or on a stop
     */
    public BenchReconnect.Reconnection reconnect(ReconnectPolicy policy, BooleanSupplier stopRequested)
            throws InstrumentException {
        if (addresses == null) {
            throw new InstrumentException("this bench was not opened by address, so it cannot reconnect");
        }
        return BenchReconnect.reconnect(this, policy, stopRequested);
    }

    Addresses addresses() {
        return addresses;
    }

    void replace(PulseGenerator reopened) {
        pulse = reopened;
    }

    void replace(SourceMeter reopened) {
        smu = reopened;
    }

    /** Queries answered by both instruments so far. */
    public long roundTrips() {
        return retiredRoundTrips + pulse.roundTrips() + smu.roundTrips();
    }

    /** Round trips of instruments a reconnect replaced, so the count never goes back. */
    private volatile long retiredRoundTrips;

    void retire(long roundTrips) {
        retiredRoundTrips += roundTrips;
    }

    /**
     * Confirms neither instrument has reported an error since the last check (one {@code *ESR?} each when all is
     * well). Both are asked even when the first reports one, so the exception names every error found.
     */
    public void checkErrors() throws InstrumentException {
        InstrumentException first = null;
        try {
            pulse.checkErrors();
        } catch (InstrumentException e) {
            first = e;
        }
        try {
            smu.checkErrors();
        } catch (InstrumentException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Puts every output in its safe state: each pulse-generator channel off and its levels to 0 V, the SMU off and its
     * source to 0 V. Every output is attempted even when another failed (a silent instrument costs one link timeout
     * per step, never more), and nothing is thrown: the report says what became of each output.
     */
    public SafeStateReport safeState() {
        Map<String, String> outputs = new LinkedHashMap<>();
        pulseChannelsSafe(pulse, outputs);
        outputs.put("smu", outcome("smu", smu::safeOff));
        return new SafeStateReport(outputs);
    }

    /** The pulse generator's channels to their safe state (after a reconnect, before the SMU is back). */
    SafeStateReport pulseSafeState() {
        Map<String, String> outputs = new LinkedHashMap<>();
        pulseChannelsSafe(pulse, outputs);
        return new SafeStateReport(outputs);
    }

    /** The SMU to its safe state (after a reconnect). */
    SafeStateReport smuSafeState() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("smu", outcome("smu", smu::safeOff));
        return new SafeStateReport(outputs);
    }

    /** Each pulse-generator channel to its safe state, each attempted whatever became of the others. */
    private static void pulseChannelsSafe(PulseGenerator pulse, Map<String, String> outputs) {
        for (int channel = 1; channel <= pulse.channelCount(); channel++) {
            int ch = channel;
            outputs.put("pulse ch" + ch, outcome("pulse ch" + ch, () -> pulse.safeOff(ch)));
        }
    }

    private interface SafeOff {
        String run() throws InstrumentException;
    }

    private static String outcome(String output, SafeOff safeOff) {
        try {
            return safeOff.run();
        } catch (InstrumentException | RuntimeException e) {
            LOG.warn("safe state of {}: {}", output, e.getMessage());
            return SafeStateReport.FAILED + e.getMessage();
        }
    }

    @Override
    public void close() {
        pulse.close();
        smu.close();
    }
}

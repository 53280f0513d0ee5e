package org.spinnoise.instrument;

import java.util.LinkedHashMap;
import java.util.Map;
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
    private final PulseGenerator pulse;
    private final SourceMeter smu;
    private final int writeChannel;
    private final int resetChannel;

    public Bench(PulseGenerator pulse, SourceMeter smu, int writeChannel, int resetChannel) {
        this.pulse = pulse;
        this.smu = smu;
        this.writeChannel = writeChannel;
        this.resetChannel = resetChannel;
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
        Bench bench = new Bench(pulse, smu, writeChannel, resetChannel);
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

    /** Queries answered by both instruments so far. */
    public long roundTrips() {
        return pulse.roundTrips() + smu.roundTrips();
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

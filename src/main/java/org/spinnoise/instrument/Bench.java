package org.spinnoise.instrument;

import org.spinnoise.link.WireLog;

/**
 * The connected instruments of one junction's bench and how they are wired: which pulse-generator channel carries
 * write pulses and which carries reset pulses (both reach the junction through a combiner or bias tee), and the SMU
 * that reads it. Closing the bench turns outputs off and closes the links.
 */
public final class Bench implements AutoCloseable {
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

    /** Opens both instruments by address, each checked by its {@code *IDN?}. */
    public static Bench connect(String pulseAddress, String smuAddress, int writeChannel, int resetChannel,
                                SafetyLimits limits, WireLog wire) throws InstrumentException {
        PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", pulseAddress, limits, wire);
        try {
            SourceMeter smu = InstrumentCatalog.openSourceMeter("smu", smuAddress, limits, wire);
            if (writeChannel == resetChannel || Math.max(writeChannel, resetChannel) > pulse.channelCount()) {
                pulse.close();
                smu.close();
                throw new InstrumentException("pulse: write channel " + writeChannel + " and reset channel "
                        + resetChannel + " must be two different channels of the " + pulse.channelCount()
                        + "-channel " + pulse.identity().label());
            }
            return new Bench(pulse, smu, writeChannel, resetChannel);
        } catch (InstrumentException e) {
            pulse.close();
            throw e;
        }
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

    /** Puts both instruments in their safe state (outputs off); failures are collected, not hidden. */
    public void safeState() throws InstrumentException {
        InstrumentException first = null;
        try {
            pulse.outputsOff();
        } catch (InstrumentException e) {
            first = e;
        }
        try {
            smu.outputOff();
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

    @Override
    public void close() {
        pulse.close();
        smu.close();
    }
}

package org.spinnoise.instrument;

import java.util.Map;
import org.spinnoise.scpi.Identity;

/**
 * A source of write and reset pulses: each channel is set up for single triggered pulses and fired on command.
 * Implementations keep every level within the bench's {@link SafetyLimits}.
 */
public interface PulseGenerator extends AutoCloseable {

    Identity identity();

    int channelCount();

    /**
     * Sets a channel to emit one pulse of this shape per trigger, output on; returns the shape the instrument
     * actually holds (it may round the width).
     */
    PulseShape configure(int channel, PulseShape shape) throws InstrumentException;

    /** Fires one burst on each channel, in the order given, and returns once the instrument has finished. */
    void fire(int... channels) throws InstrumentException;

    /** Turns every output off (safe state). */
    void outputsOff() throws InstrumentException;

    /** Settings as held now, for the run manifest. */
    Map<String, Object> settings();

    /** Queries answered by this instrument so far. */
    long roundTrips();

    @Override
    void close();
}

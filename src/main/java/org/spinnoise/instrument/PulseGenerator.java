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

    /**
     * Confirms the generator has reported no error since the last check (or since connecting), in one round trip when
     * all is well; otherwise throws with what the instrument reported. Fired pulses are not checked one by one, so
     * this is what shows a refused trigger.
     */
    void checkErrors() throws InstrumentException;

    /**
     * Puts one channel in its safe state: output off, then its levels to 0 V (as near as the instrument allows), each
     * step attempted even when the other failed. The channel must be configured again before it fires.
     *
     * @return what was done, e.g. "off, low 0 V, high 0.002 V"
     * @throws InstrumentException naming the step that failed (and what the other step did)
     */
    String safeOff(int channel) throws InstrumentException;

    /** Settings as held now, for the run manifest. */
    Map<String, Object> settings();

    /** Queries answered by this instrument so far. */
    long roundTrips();

    @Override
    void close();
}

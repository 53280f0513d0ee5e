package org.spinnoise.instrument;

import java.util.Map;
import org.spinnoise.scpi.Identity;

/**
 * A source-measure unit that reads the junction's resistance at a small bias. Implementations keep the bias and the
 * current limit within the bench's {@link SafetyLimits}.
 */
public interface SourceMeter extends AutoCloseable {

    Identity identity();

    /** Sources the bias voltage with the current limit, sets the integration time, output on. */
    void configureRead(ReadBias bias) throws InstrumentException;

    /** One resistance reading in ohms. */
    double readResistanceOhms() throws InstrumentException;

    /** Turns the output off (safe state). */
    void outputOff() throws InstrumentException;

    /**
     * Confirms the SMU has reported no error since the last check (or since connecting), in one round trip when all
     * is well; otherwise throws with what the instrument reported.
     */
    void checkErrors() throws InstrumentException;

    /**
     * Puts the SMU in its safe state: output off, then the source level to 0 V, each step attempted even when the
     * other failed. Reads need {@link #configureRead} again afterwards.
     *
     * @return what was done, e.g. "off, 0 V"
     * @throws InstrumentException naming the step that failed (and what the other step did)
     */
    String safeOff() throws InstrumentException;

    /** Settings as held now, for the run manifest. */
    Map<String, Object> settings();

    /** Queries answered by this instrument so far. */
    long roundTrips();

    @Override
    void close();
}

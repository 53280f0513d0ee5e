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

    /** Settings as held now, for the run manifest. */
    Map<String, Object> settings();

    /** Queries answered by this instrument so far. */
    long roundTrips();

    @Override
    void close();
}

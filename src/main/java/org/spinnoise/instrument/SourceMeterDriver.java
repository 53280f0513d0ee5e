package org.spinnoise.instrument;

import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/**
 * A driver for source-measure units, listed in {@code META-INF/services/org.spinnoise.instrument.SourceMeterDriver}.
 * {@link InstrumentCatalog} opens the link, asks {@code *IDN?}, clears stale errors and hands the session to the
 * first driver that {@link #drives} the identity.
 */
public interface SourceMeterDriver extends InstrumentDriver {

    /** The driver on an identified session; it may change how the session speaks (SCPI or TSP) before returning. */
    SourceMeter open(ScpiSession session, Identity id, SafetyLimits limits) throws InstrumentException;
}

package org.spinnoise.bits;

import org.spinnoise.instrument.InstrumentException;

/**
 * Anything that makes raw bits one at a time with their provenance: a bench of SCPI instruments today, a pulser
 * board later. Bits are raw: biased and unconditioned until the entropy pool has tested and conditioned them.
 */
public interface BitSource {

    /** Makes one bit. */
    RawRead next() throws InstrumentException;

    /** What this source is, for logs and manifests. */
    String describe();
}

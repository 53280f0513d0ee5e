package org.spinnoise.instrument;

import org.spinnoise.scpi.Identity;

/**
 * A driver spinnoise has for a family of instruments: which instruments it drives (from their {@code *IDN?}), what
 * it calls them, and the model's limits for {@code spinnoise identify}. Drivers are found with
 * {@link java.util.ServiceLoader}: a new vendor adds its class and one line under
 * {@code META-INF/services/}, never an edit to the catalog. See {@link PulseGeneratorDriver} and
 * {@link SourceMeterDriver} for how each kind is opened.
 */
public interface InstrumentDriver {

    /** The driver's name in messages and manifests, e.g. "Keysight 33500B/33600A Trueform". */
    String name();

    /** The models it drives, in words, e.g. "33509B to 33622A". */
    String models();

    /** True when this driver drives the instrument that gave this identity. */
    boolean drives(Identity id);

    /** That model's limits and capabilities, each with the manual page it comes from. */
    InstrumentLimits limits(Identity id);
}

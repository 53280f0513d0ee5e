package org.spinnoise.run;

import org.spinnoise.calibration.SwitchingPoint;

/** What a run tells whoever watches it (the console, a dashboard); every method does nothing unless overridden. */
public interface RunListener {
    default void stage(String description) {
    }

    default void sweepPoint(SwitchingPoint point) {
    }

    /** The calibration is done and the acquisition of {@code totalBits} at the operating point begins. */
    default void acquisitionStarting(long totalBits) {
    }

    default void acquired(long bits, long totalBits) {
    }
}

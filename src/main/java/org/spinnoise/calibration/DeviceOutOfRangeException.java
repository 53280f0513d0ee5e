package org.spinnoise.calibration;

import java.io.IOException;

/**
 * A junction left the range it was calibrated in during an acquisition: its barrier broke down, its two states' read
 * levels collapsed toward each other, its reads fall in the guard band far more often than calibration predicted, its
 * bits are stuck, or drift tracking would need a write amplitude outside the calibrated range or above the hard
 * limit. The run stops ("failed") with every bit confirmed before it kept; the message names the junction, what was
 * seen and what to do. An {@link IOException}, as every failure of a source is, so the acquisition engine records the
 * bits kept and the run ends "failed" with its outputs safe.
 */
public final class DeviceOutOfRangeException extends IOException {
    /** What the junction did. */
    public enum Reason {
        BREAKDOWN, TMR_COLLAPSE, AMBIGUOUS_READS, STUCK_BITS, AMPLITUDE_OUT_OF_RANGE
    }

    private final Reason reason;

    public DeviceOutOfRangeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package org.spinnoise.calibration;

import java.io.IOException;

/**
 * The calibration layer's one exception: the device or the plan did not allow a calibration (states that overlap, a
 * sweep that never crossed one half). The message says what was measured and what to change.
 */
public final class CalibrationException extends IOException {
    public CalibrationException(String message) {
        super(message);
    }

    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}

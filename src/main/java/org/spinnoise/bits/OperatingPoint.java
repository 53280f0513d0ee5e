package org.spinnoise.bits;

import org.spinnoise.instrument.PulseShape;

/**
 * Where a junction is run to make bits: the write pulse (amplitude near V50, where each pulse is a fair coin) and the
 * reset pulse that returns it to the parallel state before each write.
 */
public record OperatingPoint(PulseShape write, PulseShape reset) {
    public OperatingPoint {
        if (write.amplitudeVolts() <= 0) {
            throw new IllegalArgumentException("write pulse must be positive, got " + write.amplitudeVolts() + " V");
        }
        if (reset.amplitudeVolts() >= 0) {
            throw new IllegalArgumentException("reset pulse must be negative, got " + reset.amplitudeVolts() + " V");
        }
    }
}

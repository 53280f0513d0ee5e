package org.spinnoise.calibration;

/**
 * One amplitude of a switching sweep: how many write pulses of {@code amplitudeVolts} were fired at a junction and how
 * many of them switched it. The counts, not the fraction, are kept because the sigmoid fit weighs each point by its
 * binomial information, which depends on the number of pulses.
 *
 * @param amplitudeVolts write-pulse amplitude, volts (finite)
 * @param pulses         pulses fired, at least one
 * @param switched       pulses that switched the junction, {@code 0 <= switched <= pulses}
 */
public record SwitchingPoint(double amplitudeVolts, int pulses, int switched) {

    public SwitchingPoint {
        if (!Double.isFinite(amplitudeVolts)) {
            throw new IllegalArgumentException("switching point amplitude must be finite, got " + amplitudeVolts + " V");
        }
        if (pulses <= 0) {
            throw new IllegalArgumentException("switching point at " + amplitudeVolts + " V needs at least one pulse, got " + pulses);
        }
        if (switched < 0 || switched > pulses) {
            throw new IllegalArgumentException("switching point at " + amplitudeVolts + " V: switched must be within 0.."
                    + pulses + ", got " + switched);
        }
    }

    /** Observed switching fraction {@code switched / pulses}. */
    public double fraction() {
        return (double) switched / pulses;
    }
}

package org.spinnoise.instrument;

/**
 * One rectangular voltage pulse as the junction should see it. The amplitude is signed: positive pulses write
 * (drive P toward AP), negative ones reset. The generator's baseline is 0 V.
 */
public record PulseShape(double amplitudeVolts, double widthSeconds) {
    public PulseShape {
        if (!Double.isFinite(amplitudeVolts) || amplitudeVolts == 0) {
            throw new IllegalArgumentException("pulse amplitude must be a non-zero finite voltage, got "
                    + amplitudeVolts + " V");
        }
        if (!(widthSeconds > 0) || !Double.isFinite(widthSeconds)) {
            throw new IllegalArgumentException("pulse width must be positive, got " + widthSeconds + " s");
        }
    }

    public PulseShape withAmplitude(double newAmplitudeVolts) {
        return new PulseShape(newAmplitudeVolts, widthSeconds);
    }
}

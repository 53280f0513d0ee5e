package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.instrument.PulseShape;

/**
 * Where a device is run to make bits: the write pulse (amplitude for the target switching probability), the reset
 * pulse before each write, the target probability and the standard error of the probability the write amplitude
 * actually gives, predicted from the fit's uncertainty.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileOperatingPoint(double writeAmplitudeVolts, double writeWidthSeconds, double resetAmplitudeVolts,
                                    double resetWidthSeconds, double targetProbability,
                                    double predictedProbabilityStdErr) {

    public ProfileOperatingPoint {
        Fields.positive("write_amplitude_volts", writeAmplitudeVolts);
        Fields.positive("write_width_seconds", writeWidthSeconds);
        if (!(resetAmplitudeVolts < 0) || !Double.isFinite(resetAmplitudeVolts)) {
            throw new IllegalArgumentException("reset_amplitude_volts must be negative, got " + resetAmplitudeVolts);
        }
        Fields.positive("reset_width_seconds", resetWidthSeconds);
        if (!(targetProbability > 0 && targetProbability < 1)) {
            throw new IllegalArgumentException("target_probability must lie strictly between 0 and 1, got "
                    + targetProbability);
        }
        Fields.nonNegative("predicted_probability_std_err", predictedProbabilityStdErr);
    }

    /** An operating point aimed at {@code targetProbability} on {@code fit}'s curve. */
    public static ProfileOperatingPoint of(OperatingPoint point, double targetProbability, ProfileSwitchingFit fit) {
        return new ProfileOperatingPoint(point.write().amplitudeVolts(), point.write().widthSeconds(),
                point.reset().amplitudeVolts(), point.reset().widthSeconds(), targetProbability,
                fit.probabilityStdErrAt(point.write().amplitudeVolts()));
    }

    /** The operating point the bit sources use. */
    public OperatingPoint toOperatingPoint() {
        return new OperatingPoint(new PulseShape(writeAmplitudeVolts, writeWidthSeconds),
                new PulseShape(resetAmplitudeVolts, resetWidthSeconds));
    }
}

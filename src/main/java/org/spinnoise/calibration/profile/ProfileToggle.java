package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A device's calibration for the VCMA toggle scheme (precessional switching, no reset pulse): the write pulse's
 * amplitude and width on the flat top of the first oscillation, the toggle probability measured there with its
 * standard error, and the precession period seen on the width map (null when not measured).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileToggle(double writeAmplitudeVolts, double writeWidthSeconds, double toggleProbability,
                            double toggleProbabilityStdErr, Double precessionPeriodSeconds) {

    public ProfileToggle {
        Fields.positive("write_amplitude_volts", writeAmplitudeVolts);
        Fields.positive("write_width_seconds", writeWidthSeconds);
        Fields.probability("toggle_probability", toggleProbability);
        Fields.nonNegative("toggle_probability_std_err", toggleProbabilityStdErr);
        if (precessionPeriodSeconds != null) {
            Fields.positive("precession_period_seconds", precessionPeriodSeconds);
        }
    }
}

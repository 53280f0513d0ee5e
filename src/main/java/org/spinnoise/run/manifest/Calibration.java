package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;

/**
 * A bench run's calibration: the two resistance states and the threshold between them, the sigmoid fitted to the
 * switching sweep and the operating point at its V50. The sweep's fields are null until the sweep has been fitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Calibration(ThresholdCalibration.Result levels, double thresholdOhms, double marginSigmas, double tmr,
                          SigmoidFitResult sweepFit, Double sweepFitPValue, OperatingPoint operatingPoint) {

    /** The threshold stage's result alone. */
    public static Calibration ofLevels(ThresholdCalibration.Result levels) {
        return new Calibration(levels, levels.threshold().ohms(), levels.threshold().marginSigmas(),
                levels.threshold().tmr(), null, null, null);
    }

    public Calibration withSweep(SigmoidFitResult fit, OperatingPoint point) {
        return new Calibration(levels, thresholdOhms, marginSigmas, tmr, fit, fit.goodnessOfFitPValue(), point);
    }
}

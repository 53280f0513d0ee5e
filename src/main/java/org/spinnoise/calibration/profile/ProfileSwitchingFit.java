package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.calibration.SigmoidFitResult;

/**
 * The switching sigmoid P(V) = 1 / (1 + exp(-(V - V50) / ΔV)) fitted to a device's sweep at one write-pulse width,
 * with standard errors, 95 % confidence intervals, and the goodness of fit (binomial deviance, its degrees of
 * freedom and the chi-square p-value; null when there are no degrees of freedom).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileSwitchingFit(double widthSeconds, double v50Volts, double v50StdErrVolts,
                                  double v50CiLowVolts, double v50CiHighVolts, double deltaVolts,
                                  double deltaStdErrVolts, double deltaCiLowVolts, double deltaCiHighVolts,
                                  double deviance, int degreesOfFreedom,
                                  @JsonProperty("goodness_of_fit_p_value") Double goodnessOfFitPValue) {

    /** Two-sided 95 % normal quantile: the intervals are Wald intervals from the standard errors. */
    public static final double Z95 = 1.959963984540054;

    public ProfileSwitchingFit {
        Fields.positive("width_seconds", widthSeconds);
        Fields.finite("v50_volts", v50Volts);
        Fields.nonNegative("v50_std_err_volts", v50StdErrVolts);
        Fields.finite("v50_ci_low_volts", v50CiLowVolts);
        Fields.finite("v50_ci_high_volts", v50CiHighVolts);
        Fields.positive("delta_volts", deltaVolts);
        Fields.nonNegative("delta_std_err_volts", deltaStdErrVolts);
        Fields.finite("delta_ci_low_volts", deltaCiLowVolts);
        Fields.finite("delta_ci_high_volts", deltaCiHighVolts);
        Fields.nonNegative("deviance", deviance);
        if (degreesOfFreedom < 0) {
            throw new IllegalArgumentException("degrees_of_freedom must be at least 0, got " + degreesOfFreedom);
        }
        if (goodnessOfFitPValue != null) {
            Fields.probability("goodness_of_fit_p_value", goodnessOfFitPValue);
        }
        if (!(v50CiLowVolts <= v50Volts && v50Volts <= v50CiHighVolts)) {
            throw new IllegalArgumentException("v50_ci_low_volts .. v50_ci_high_volts (" + v50CiLowVolts + " .. "
                    + v50CiHighVolts + ") must enclose v50_volts " + v50Volts);
        }
        if (!(deltaCiLowVolts <= deltaVolts && deltaVolts <= deltaCiHighVolts)) {
            throw new IllegalArgumentException("delta_ci_low_volts .. delta_ci_high_volts (" + deltaCiLowVolts
                    + " .. " + deltaCiHighVolts + ") must enclose delta_volts " + deltaVolts);
        }
    }

    /** The profile's record of a sigmoid fit at {@code widthSeconds}, with 95 % Wald intervals. */
    public static ProfileSwitchingFit of(SigmoidFitResult fit, double widthSeconds) {
        double p = fit.goodnessOfFitPValue();
        return new ProfileSwitchingFit(widthSeconds, fit.v50Volts(), fit.v50StdErrVolts(),
                fit.v50Volts() - Z95 * fit.v50StdErrVolts(), fit.v50Volts() + Z95 * fit.v50StdErrVolts(),
                fit.deltaVolts(), fit.deltaStdErrVolts(), fit.deltaVolts() - Z95 * fit.deltaStdErrVolts(),
                fit.deltaVolts() + Z95 * fit.deltaStdErrVolts(), fit.deviance(), fit.degreesOfFreedom(),
                Double.isNaN(p) ? null : p);
    }

    /** Switching probability the profile's curve predicts at {@code amplitudeVolts}. */
    public double probabilityAt(double amplitudeVolts) {
        return 1 / (1 + Math.exp(-(amplitudeVolts - v50Volts) / deltaVolts));
    }

    /**
     * Standard error of {@link #probabilityAt} from the fit's uncertainty, by the delta method on V50 and ΔV taken
     * as uncorrelated (the fit's covariance is not recorded): dP = P(1 - P) (dV50 + x dΔV) / ΔV with
     * x = (V - V50) / ΔV.
     */
    public double probabilityStdErrAt(double amplitudeVolts) {
        double p = probabilityAt(amplitudeVolts);
        double x = (amplitudeVolts - v50Volts) / deltaVolts;
        return p * (1 - p) / deltaVolts * Math.hypot(v50StdErrVolts, x * deltaStdErrVolts);
    }

    /** The amplitude at which the curve switches with {@code probability}. */
    public double amplitudeFor(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("a sigmoid reaches only probabilities strictly between 0 and 1, got "
                    + probability);
        }
        return v50Volts + deltaVolts * Math.log(probability / (1 - probability));
    }

    /** The fit as the calibration layer's result type (the iteration count is not recorded: 0). */
    public SigmoidFitResult toFitResult() {
        return new SigmoidFitResult(v50Volts, deltaVolts, v50StdErrVolts, deltaStdErrVolts, deviance,
                degreesOfFreedom, 0);
    }
}

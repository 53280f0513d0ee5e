package org.spinnoise.calibration;

import java.util.Locale;

/**
 * The write amplitude at which a fitted junction switches with a target probability (1/2 for fair bits, any other
 * on request), with what the fit's uncertainty means for it: the amplitude's standard error, and the standard error
 * and 95 % interval of the probability the junction will really have there (delta method on the covariance of V50 and
 * ΔV). Refuses an amplitude above the hard limit, or not above zero, before anything is fired.
 */
public final class OperatingPointSolver {
    private OperatingPointSolver() {
    }

    /**
     * @param targetProbability    switching probability wanted
     * @param amplitudeVolts       write amplitude that gives it on the fitted curve
     * @param amplitudeStdErrVolts standard error of that amplitude
     * @param probabilityStdErr    standard error of the true switching probability at that amplitude
     * @param probabilityCiLow     lower end of its 95 % interval
     * @param probabilityCiHigh    upper end of its 95 % interval
     */
    public record Estimate(double targetProbability, double amplitudeVolts, double amplitudeStdErrVolts,
                           double probabilityStdErr, double probabilityCiLow, double probabilityCiHigh) {
    }

    /** The amplitude for p = 1/2. */
    public static Estimate fair(SigmoidFitResult fit, double maxAmplitudeVolts) throws CalibrationException {
        return solve(fit, 0.5, maxAmplitudeVolts);
    }

    public static Estimate solve(SigmoidFitResult fit, double targetProbability, double maxAmplitudeVolts)
            throws CalibrationException {
        if (!(targetProbability > 0 && targetProbability < 1)) {
            throw new IllegalArgumentException("target switching probability must be strictly between 0 and 1, got "
                    + targetProbability);
        }
        double logit = Math.log(targetProbability / (1 - targetProbability));
        double amplitude = fit.v50Volts() + fit.deltaVolts() * logit;
        if (!(amplitude > 0) || amplitude > maxAmplitudeVolts) {
            throw new CalibrationException(String.format(Locale.ROOT, "switching probability %.4g needs a write "
                    + "amplitude of %.4f V on the fitted curve (V50 %.4f V, ΔV %.4f V), outside 0 .. %.4f V (the hard "
                    + "limit); choose a probability nearer 1/2 or a longer pulse", targetProbability, amplitude,
                    fit.v50Volts(), fit.deltaVolts(), maxAmplitudeVolts));
        }
        double covariance = Double.isNaN(fit.v50DeltaCovarianceVolts2()) ? 0 : fit.v50DeltaCovarianceVolts2();
        double amplitudeVariance = fit.v50StdErrVolts() * fit.v50StdErrVolts()
                + logit * logit * fit.deltaStdErrVolts() * fit.deltaStdErrVolts() + 2 * logit * covariance;
        double logitStdErr = fit.logitStdErrAt(amplitude);
        double slope = targetProbability * (1 - targetProbability);
        return new Estimate(targetProbability, amplitude, Math.sqrt(Math.max(amplitudeVariance, 0)),
                slope * logitStdErr, fit.bandLowAt(amplitude), fit.bandHighAt(amplitude));
    }
}

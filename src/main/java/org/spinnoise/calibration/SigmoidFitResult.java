package org.spinnoise.calibration;

/**
 * The fitted switching sigmoid P(V) = 1 / (1 + exp(-(V - V50) / ΔV)) with its uncertainty. Standard errors come from
 * the inverse Fisher information of the binomial likelihood (delta method), so they describe counting noise only;
 * a large {@link #deviance()} for its {@link #degreesOfFreedom()} says the sigmoid itself does not describe the data
 * and the errors are then too small.
 *
 * @param v50Volts         amplitude at which half of the pulses switch, volts
 * @param deltaVolts       width of the transition, volts (P goes from 0.27 to 0.73 over V50 ± ΔV)
 * @param v50StdErrVolts   standard error of {@code v50Volts}
 * @param deltaStdErrVolts standard error of {@code deltaVolts}
 * @param deviance         binomial deviance of the fit (likelihood-ratio statistic against the saturated model)
 * @param degreesOfFreedom number of points minus the two fitted parameters
 * @param iterations       Newton-Raphson iterations used
 * @param v50DeltaCovarianceVolts2 covariance of V50 and ΔV (same source), volts squared; NaN in results recorded
 *                         before it was kept
 *
 * <p>95 % confidence intervals are Wald intervals from the same Fisher information: V50 ± 1.96 SE, and for ΔV the Wald
 * interval of the fitted slope 1/ΔV mapped back (so it stays positive and skews the way the likelihood does). Their
 * coverage is checked by Monte Carlo in the tests.
 */
public record SigmoidFitResult(double v50Volts, double deltaVolts, double v50StdErrVolts, double deltaStdErrVolts,
                               double deviance, int degreesOfFreedom, int iterations,
                               double v50DeltaCovarianceVolts2) {
    /** Two-sided 95 % standard normal quantile. */
    public static final double Z95 = 1.959963984540054;

    /** A result without the covariance (records from before it was kept). */
    public SigmoidFitResult(double v50Volts, double deltaVolts, double v50StdErrVolts, double deltaStdErrVolts,
                            double deviance, int degreesOfFreedom, int iterations) {
        this(v50Volts, deltaVolts, v50StdErrVolts, deltaStdErrVolts, deviance, degreesOfFreedom, iterations,
                Double.NaN);
    }

    /** Lower end of the 95 % confidence interval of V50, volts. */
    public double v50CiLowVolts() {
        return v50Volts - Z95 * v50StdErrVolts;
    }

    /** Upper end of the 95 % confidence interval of V50, volts. */
    public double v50CiHighVolts() {
        return v50Volts + Z95 * v50StdErrVolts;
    }

    /** Lower end of the 95 % confidence interval of ΔV, volts. */
    public double deltaCiLowVolts() {
        return deltaVolts / (1 + Z95 * deltaStdErrVolts / deltaVolts);
    }

    /** Upper end of the 95 % confidence interval of ΔV, volts (infinite when the slope is not resolved from zero). */
    public double deltaCiHighVolts() {
        double relative = Z95 * deltaStdErrVolts / deltaVolts;
        return relative < 1 ? deltaVolts / (1 - relative) : Double.POSITIVE_INFINITY;
    }

    /**
     * Standard error of the fitted logit (V − V50)/ΔV at {@code amplitudeVolts}, by the delta method from the
     * covariance of V50 and ΔV (NaN when the covariance was not kept).
     */
    public double logitStdErrAt(double amplitudeVolts) {
        double d = (amplitudeVolts - v50Volts) / deltaVolts;
        double dV50 = -1 / deltaVolts;
        double dDelta = -d / deltaVolts;
        double variance = dV50 * dV50 * v50StdErrVolts * v50StdErrVolts
                + 2 * dV50 * dDelta * v50DeltaCovarianceVolts2
                + dDelta * dDelta * deltaStdErrVolts * deltaStdErrVolts;
        return Math.sqrt(Math.max(variance, 0));
    }

    /** Lower edge of the 95 % confidence band of the fitted probability at {@code amplitudeVolts}. */
    public double bandLowAt(double amplitudeVolts) {
        return Logistic.probability((amplitudeVolts - v50Volts) / deltaVolts - Z95 * logitStdErrAt(amplitudeVolts));
    }

    /** Upper edge of the 95 % confidence band of the fitted probability at {@code amplitudeVolts}. */
    public double bandHighAt(double amplitudeVolts) {
        return Logistic.probability((amplitudeVolts - v50Volts) / deltaVolts + Z95 * logitStdErrAt(amplitudeVolts));
    }

    /** Switching probability the fitted sigmoid predicts at {@code amplitudeVolts}. */
    public double probabilityAt(double amplitudeVolts) {
        return Logistic.probability((amplitudeVolts - v50Volts) / deltaVolts);
    }

    /**
     * Amplitude at which the fitted sigmoid switches with {@code probability}, e.g. 0.5 gives {@link #v50Volts()}.
     *
     * @throws IllegalArgumentException unless {@code 0 < probability < 1}
     */
    public double amplitudeFor(double probability) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("a sigmoid reaches only probabilities strictly between 0 and 1, got " + probability);
        }
        return v50Volts + deltaVolts * Math.log(probability / (1 - probability));
    }

    /**
     * Goodness-of-fit p-value: probability that a correct sigmoid model gives a deviance at least this large, from the
     * chi-square distribution with {@link #degreesOfFreedom()} degrees of freedom (valid when every point has enough
     * pulses on both outcomes for the chi-square approximation). Returns NaN when there are no degrees of freedom.
     */
    public double goodnessOfFitPValue() {
        return degreesOfFreedom > 0 ? ChiSquared.upperTail(deviance, degreesOfFreedom) : Double.NaN;
    }
}

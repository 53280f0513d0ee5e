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
 */
public record SigmoidFitResult(double v50Volts, double deltaVolts, double v50StdErrVolts, double deltaStdErrVolts,
                               double deviance, int degreesOfFreedom, int iterations) {

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

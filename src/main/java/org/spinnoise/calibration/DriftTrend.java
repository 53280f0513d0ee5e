package org.spinnoise.calibration;

/**
 * The drifting V50 as a straight line in time, fitted to one V50 estimate per window by weighted least squares with
 * exponential forgetting: each estimate is weighted by its inverse variance times {@code λ^age} (age in windows), so
 * the fit follows a slow drift of any shape with an effective memory of {@code 1 / (1 - λ)} windows. A window of n bits
 * at amplitude V with a fraction p̂ of ones gives u = V - ΔV·logit(p̂), the amplitude where the fitted sigmoid switches
 * half the time, with variance ΔV² / (n p̂ (1 - p̂)) (the binomial's, through the logit's derivative). Predictions carry
 * the fit's standard error, from the inverse of the weighted normal matrix; until three windows are in, or while the
 * positions do not yet determine a slope, the fit is a weighted mean without slope. Time is counted in bits made (a
 * source at a steady rate makes bits in proportion to time), which keeps the fit independent of the host's clock;
 * positions are relative to an origin that follows the latest window, which keeps the sums well conditioned.
 */
final class DriftTrend {
    private final double forgetting;
    private double s0;
    private double s1;
    private double s2;
    private double sy;
    private double sty;
    private double originBits;
    private int windows;

    DriftTrend(int memoryWindows) {
        this.forgetting = 1 - 1.0 / memoryWindows;
    }

    /** Adds the V50 estimate {@code v50Volts} with standard error {@code stdErrVolts} made around bit {@code atBits}. */
    void add(double atBits, double v50Volts, double stdErrVolts) {
        moveOrigin(atBits);
        double w = 1 / (stdErrVolts * stdErrVolts);
        s0 = forgetting * s0 + w;
        s1 = forgetting * s1;
        s2 = forgetting * s2;
        sy = forgetting * sy + w * v50Volts;
        sty = forgetting * sty;
        windows++;
    }

    /** Windows added so far. */
    int windows() {
        return windows;
    }

    /** Predicted V50 at bit {@code atBits}: value and standard error, volts; NaN before the first window. */
    Prediction at(double atBits) {
        double tau = atBits - originBits;
        double det = s0 * s2 - s1 * s1;
        if (windows >= 3 && det > 1e-9 * s0 * s2) {
            double level = (s2 * sy - s1 * sty) / det;
            double slope = (s0 * sty - s1 * sy) / det;
            double variance = (s2 - 2 * tau * s1 + tau * tau * s0) / det;
            return new Prediction(level + slope * tau, Math.sqrt(Math.max(variance, 0)), slope);
        }
        return s0 > 0 ? new Prediction(sy / s0, Math.sqrt(1 / s0), 0) : new Prediction(Double.NaN, Double.NaN, 0);
    }

    private void moveOrigin(double atBits) {
        double d = atBits - originBits;
        // Re-centre the sums on the new origin: t' = t - d.
        s2 = s2 - 2 * d * s1 + d * d * s0;
        s1 = s1 - d * s0;
        sty = sty - d * sy;
        originBits = atBits;
    }

    /**
     * A predicted V50.
     *
     * @param v50Volts             the prediction
     * @param stdErrVolts          its standard error
     * @param slopeVoltsPerBit  the fitted drift rate (0 while the fit has no slope)
     */
    record Prediction(double v50Volts, double stdErrVolts, double slopeVoltsPerBit) {
    }
}

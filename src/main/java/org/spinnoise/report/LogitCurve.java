package org.spinnoise.report;

/**
 * A probability curve known at a few x values, drawn smoothly by interpolating its logit linearly between them. The
 * fitted switching curve is a logistic in amplitude, whose logit is a straight line, so this reproduces it exactly
 * from the fitted probabilities in the CSV file without refitting anything; the V50 it gives is where the logit
 * crosses zero.
 */
final class LogitCurve {
    private static final double EDGE = 1e-12;

    private final double[] x;
    private final double[] logit;

    /** {@code x} in increasing order, distinct, with the probability at each. */
    LogitCurve(double[] x, double[] probability) {
        this.x = x.clone();
        this.logit = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double p = Math.max(EDGE, Math.min(1 - EDGE, probability[i]));
            logit[i] = Math.log(p / (1 - p));
        }
    }

    /** The probability at {@code at}, interpolated (and extrapolated from the end segments) in logit space. */
    double at(double at) {
        if (x.length == 1) {
            return logistic(logit[0]);
        }
        int i = 0;
        while (i < x.length - 2 && at > x[i + 1]) {
            i++;
        }
        double t = (at - x[i]) / (x[i + 1] - x[i]);
        return logistic(logit[i] + t * (logit[i + 1] - logit[i]));
    }

    /** The first x where the curve crosses 1/2 between two known points, or NaN when it does not. */
    double crossingOfHalf() {
        for (int i = 0; i + 1 < x.length; i++) {
            if (logit[i] == 0) {
                return x[i];
            }
            if (Math.signum(logit[i]) != Math.signum(logit[i + 1]) && logit[i + 1] != 0) {
                return x[i] + (x[i + 1] - x[i]) * (0 - logit[i]) / (logit[i + 1] - logit[i]);
            }
        }
        return x.length > 0 && logit[x.length - 1] == 0 ? x[x.length - 1] : Double.NaN;
    }

    private static double logistic(double l) {
        return 1 / (1 + Math.exp(-l));
    }
}

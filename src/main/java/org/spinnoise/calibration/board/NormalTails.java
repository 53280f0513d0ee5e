package org.spinnoise.calibration.board;

/**
 * The standard normal distribution for the comparator-scan fits: density, upper tail and lower tail, accurate in
 * relative terms far into the tails (complementary error function of Numerical Recipes, 2nd ed., section 6.2,
 * fractional error below 1.2e-7), because a read error rate is a tail probability of a few parts per million or less.
 */
final class NormalTails {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalTails() {
    }

    /** P(Z > z). */
    static double upper(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** P(Z ≤ z). */
    static double lower(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    static double density(double z) {
        return Math.exp(logDensity(z));
    }

    static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    private static double erfc(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 2;
        }
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851973
                + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.exp(poly);
        return x >= 0 ? r : 2 - r;
    }
}

package org.spinnoise.calibration;

/**
 * Upper tail Q(z) = P(Z > z) of the standard normal distribution and its quantile, accurate far into the tails
 * (read errors of 1e-12 and below are what a well separated junction gives). Q uses the complementary error function
 * in the Chebyshev form of Numerical Recipes (Press et al., 2nd ed., section 6.2, erfcc; fractional error below
 * 1.2e-7 everywhere); the quantile inverts it by bisection, which is enough for interval bounds.
 */
public final class NormalTail {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalTail() {
    }

    /** P(Z > z) for a standard normal Z. */
    public static double upper(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** P(Z ≤ z), accurate in relative terms far into the lower tail. */
    public static double lower(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The standard normal density at z. */
    public static double density(double z) {
        return Math.exp(logDensity(z));
    }

    public static double logDensity(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /** The z with P(Z > z) = {@code tail}, for 0 < tail < 1. */
    static double upperQuantile(double tail) {
        if (!(tail > 0 && tail < 1)) {
            throw new IllegalArgumentException("a normal tail probability must be strictly between 0 and 1, got " + tail);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (upper(mid) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double erfc(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 2;
        }
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}

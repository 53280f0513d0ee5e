package org.spinnoise.sim.board;

/**
 * The standard normal distribution function, accurate in relative terms far into the tails (the complementary error
 * function of Numerical Recipes, fractional error below 1.2e-7 everywhere), because the emulator needs the tiny
 * chances that read noise carries a junction's read across the comparator threshold.
 */
final class NormalTail {
    private NormalTail() {
    }

    /** P(Z ≤ z) for a standard normal Z. */
    static double cdf(double z) {
        if (z == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (z == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851973
                + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.exp(poly);
        return x >= 0 ? r : 2 - r;
    }
}

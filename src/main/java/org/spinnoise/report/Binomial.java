package org.spinnoise.report;

/** Interval estimates for a measured fraction of k successes in n trials. */
final class Binomial {
    /** The two-sided 95 % normal quantile. */
    static final double Z95 = 1.959963984540054;

    private Binomial() {
    }

    /**
     * The Wilson score interval {low, high} for k of n at the 95 % level: unlike the normal (Wald) interval it stays
     * inside 0 .. 1 and keeps a width at k = 0 or k = n, where a sweep's outer points sit.
     */
    static double[] wilson95(double k, double n) {
        if (n <= 0) {
            return new double[] {0, 1};
        }
        double p = k / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}

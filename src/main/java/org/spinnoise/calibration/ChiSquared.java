package org.spinnoise.calibration;

/**
 * Upper tail of the chi-square distribution, Q(k/2, x/2) with the regularised incomplete gamma function evaluated by
 * its power series below the mean and by Lentz's continued fraction above it (both converge fast on their side).
 */
final class ChiSquared {

    private static final int MAX_TERMS = 10_000;
    private static final double RELATIVE_TOLERANCE = 1e-15;
    private static final double TINY = 1e-300;

    private ChiSquared() {
    }

    /** P(χ²_k ≥ statistic). */
    static double upperTail(double statistic, int degreesOfFreedom) {
        if (degreesOfFreedom <= 0) {
            throw new IllegalArgumentException("chi-square needs positive degrees of freedom, got " + degreesOfFreedom);
        }
        if (Double.isNaN(statistic)) {
            return Double.NaN;
        }
        if (statistic <= 0) {
            return 1;
        }
        double a = degreesOfFreedom / 2.0;
        double x = statistic / 2.0;
        return x < a + 1 ? 1 - lowerBySeries(a, x) : upperByContinuedFraction(a, x);
    }

    private static double lowerBySeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_TERMS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * RELATIVE_TOLERANCE) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double upperByContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_TERMS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < RELATIVE_TOLERANCE) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** ln Γ(a) for a > 0 (Lanczos, g = 7, nine coefficients; relative error ~1e-15). */
    static double logGamma(double a) {
        if (a < 0.5) {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
        }
        double[] g = LANCZOS;
        double z = a - 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };
}

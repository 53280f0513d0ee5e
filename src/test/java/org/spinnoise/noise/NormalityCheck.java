package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;

/**
 * The distribution check every noise mode must pass: the Kolmogorov–Smirnov statistic against Φ and the first four
 * raw moments against those of N(0, 1) (0, 1, 0, 3).
 *
 * <p>Sample size. The check must fail a generator whose scale is off by 1% (σ = 1.01, so E[x²] = 1.0201). With n
 * samples of N(0, 1), the sample mean of x² has standard error sqrt(2/n) (Var x² = 2). Each moment is allowed
 * {@value #SIGMAS} standard errors, so a correct generator fails a moment with probability about 2e-9. At
 * n = 10^6 the x² threshold is 6·0.00141 = 0.0085, and a 1% scale error sits 0.0201 away, that is 8 standard errors
 * beyond the threshold: it fails with certainty. (KS alone would not suffice: a 1% scale error moves the CDF by at
 * most φ(1)·0.01 ≈ 0.0024, about the KS threshold 2.7/sqrt(n) = 0.0027 at this n; KS is there for the shape, and it
 * is what rejects the discrete CLT sums, whose moments are right.) The other standard errors: mean 1/sqrt(n),
 * x³ sqrt(15/n), x⁴ sqrt(96/n).
 */
final class NormalityCheck {
    static final int SAMPLES = 1_000_000;
    static final double SIGMAS = 6.0;
    /** Kolmogorov limit: P(sqrt(n)·D > 2.7) ≈ 2·exp(-2·2.7²) ≈ 1e-6 for a correct generator. */
    static final double KS_LAMBDA = 2.7;

    record Verdict(int n, double mean, double meanSquare, double meanCube, double meanFourth, double ks) {
        boolean meanOk() {
            return Math.abs(mean) <= SIGMAS / Math.sqrt(n);
        }

        boolean varianceOk() {
            return Math.abs(meanSquare - 1) <= SIGMAS * Math.sqrt(2.0 / n);
        }

        boolean skewOk() {
            return Math.abs(meanCube) <= SIGMAS * Math.sqrt(15.0 / n);
        }

        boolean kurtosisOk() {
            return Math.abs(meanFourth - 3) <= SIGMAS * Math.sqrt(96.0 / n);
        }

        boolean ksOk() {
            return ks * Math.sqrt(n) <= KS_LAMBDA;
        }

        boolean normal() {
            return meanOk() && varianceOk() && skewOk() && kurtosisOk() && ksOk();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d mean=%.5f E[x^2]=%.5f E[x^3]=%.5f E[x^4]=%.5f sqrt(n)*KS=%.3f",
                    n, mean, meanSquare, meanCube, meanFourth, ks * Math.sqrt(n));
        }
    }

    private NormalityCheck() {
    }

    static Verdict of(double[] samples) {
        int n = samples.length;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        for (double x : samples) {
            double x2 = x * x;
            s1 += x;
            s2 += x2;
            s3 += x2 * x;
            s4 += x2 * x2;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return new Verdict(n, s1 / n, s2 / n, s3 / n, s4 / n, d);
    }

    static Verdict of(float[] samples) {
        double[] wide = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            wide[i] = samples[i];
        }
        return of(wide);
    }

    static void assertNormal(Verdict v) {
        assertTrue(v.normal(), () -> "not N(0,1): " + v);
    }

    static void assertNotNormal(Verdict v) {
        assertFalse(v.normal(), () -> "passed as N(0,1) though it is not: " + v);
    }

    /**
     * Φ(x) by Marsaglia's Taylor series (J. Stat. Softw. 11(4), 2004), absolute error about 1e-15 for |x| &lt; 8;
     * beyond, the tail mass is below 1e-15 and 0 or 1 is returned.
     */
    static double cdf(double x) {
        if (x < -8) {
            return 0;
        }
        if (x > 8) {
            return 1;
        }
        double s = x;
        double t = 0;
        double b = x;
        double q = x * x;
        double i = 1;
        while (s != t) {
            t = s;
            i += 2;
            b *= q / i;
            s = t + b;
        }
        return 0.5 + s * Math.exp(-0.5 * q - 0.91893853320467274178);
    }
}

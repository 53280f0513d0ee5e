package org.spinnoise.calibration;

import java.util.List;

/**
 * 95 % profile-likelihood interval of V50: the V50 values whose log-likelihood, maximised over ΔV, lies within
 * χ²₁(0.95)/2 = 1.92 of the overall maximum. Unlike the Wald interval it follows the likelihood's own shape, so it
 * stays honest when a sweep is short or lopsided (few pulses on one side of the transition). With V50 fixed the model
 * is a logistic regression through the origin in d = V − V50 with slope 1/ΔV, whose likelihood is concave in that
 * slope, so the inner maximisation is a one-dimensional Newton iteration.
 */
public final class ProfileLikelihood {
    /** Half the 95 % quantile of chi-square with one degree of freedom. */
    static final double HALF_CHI2_95 = 3.841458820694124 / 2;
    private static final int MAX_NEWTON = 100;
    private static final int MAX_BISECTIONS = 80;
    private static final int MAX_EXPANSIONS = 40;

    private ProfileLikelihood() {
    }

    /** {lower, upper} 95 % interval of V50 for {@code points} around their fit {@code fit}. */
    public static double[] v50IntervalVolts(List<SwitchingPoint> points, SigmoidFitResult fit) {
        double best = profile(points, fit.v50Volts(), 1 / fit.deltaVolts());
        double target = best - HALF_CHI2_95;
        double step = Math.max(fit.v50StdErrVolts(), 1e-9);
        return new double[] {edge(points, fit, target, -step), edge(points, fit, target, step)};
    }

    /** Walks out from V50 by {@code step} until the profile drops below {@code target}, then bisects. */
    private static double edge(List<SwitchingPoint> points, SigmoidFitResult fit, double target, double step) {
        double inside = fit.v50Volts();
        double slope = 1 / fit.deltaVolts();
        double outside = inside + 2 * step;
        for (int i = 0; profile(points, outside, slope) > target; i++) {
            if (i == MAX_EXPANSIONS) {
                return step < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            inside = outside;
            step *= 2;
            outside = inside + step;
        }
        for (int i = 0; i < MAX_BISECTIONS && Math.abs(outside - inside) > 1e-12; i++) {
            double mid = (inside + outside) / 2;
            if (profile(points, mid, slope) > target) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return (inside + outside) / 2;
    }

    /** max over the slope c of Σ s·c·d − n·softplus(c·d), d = V − v50, from a start {@code c}. */
    static double profile(List<SwitchingPoint> points, double v50, double c) {
        double ll = logLikelihood(points, v50, c);
        for (int it = 0; it < MAX_NEWTON; it++) {
            double g = 0;
            double h = 0;
            for (SwitchingPoint p : points) {
                double d = p.amplitudeVolts() - v50;
                double q = Logistic.probability(c * d);
                g += (p.switched() - p.pulses() * q) * d;
                h += p.pulses() * q * (1 - q) * d * d;
            }
            if (!(h > 0)) {
                return ll;
            }
            double delta = g / h;
            double next = c + delta;
            double nextLl = logLikelihood(points, v50, next);
            for (int halving = 0; halving < 60 && !(nextLl >= ll); halving++) {
                delta /= 2;
                next = c + delta;
                nextLl = logLikelihood(points, v50, next);
            }
            if (!(nextLl >= ll)) {
                return ll;
            }
            boolean converged = Math.abs(delta) < 1e-12 * (1 + Math.abs(c));
            c = next;
            ll = nextLl;
            if (converged) {
                break;
            }
        }
        return ll;
    }

    private static double logLikelihood(List<SwitchingPoint> points, double v50, double c) {
        double ll = 0;
        for (SwitchingPoint p : points) {
            double eta = c * (p.amplitudeVolts() - v50);
            ll += p.switched() * eta - p.pulses() * Logistic.softplus(eta);
        }
        return ll;
    }
}

package org.spinnoise.calibration.board;

import java.util.Comparator;
import java.util.List;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.NormalTail;

/**
 * Maximum-likelihood fit of one state's read distribution to a comparator scan. At each code the ones are binomial
 * with chance {@code w·S(t; μ, σ) + (1 − w)·S_other(t)}, S the normal upper tail: {@code w = 1} for a scan with the
 * junction held in one state, and for a scan written into AP with some pulses failing to switch, {@code w} the measured
 * share of AP and {@code S_other} the P distribution already fitted (the two-state mixture). Fisher scoring with
 * step-halving on the log-likelihood from a start read off the scan's crossings; standard errors from the inverse
 * expected Fisher information. The deviance against the saturated model says whether a normal read describes the scan.
 */
public final class ReadTailFit {
    private static final int MAX_ITERATIONS = 200;
    private static final double FLOOR = 1e-15;

    /** The fitted distribution, the binomial deviance and its degrees of freedom (points − 2). */
    public record Result(ReadDistribution distribution, double deviance, int degreesOfFreedom) {
    }

    private ReadTailFit() {
    }

    /** Fits a scan of one state alone ({@code w = 1}). */
    public static Result fit(List<ScanPoint> points) throws CalibrationException {
        return fit(points, 1, null);
    }

    /**
     * Fits the state making share {@code weight} of the reads, the rest coming from {@code other} (null when
     * {@code weight} is 1).
     */
    public static Result fit(List<ScanPoint> points, double weight, ReadDistribution other)
            throws CalibrationException {
        if (points.size() < 3) {
            throw new CalibrationException("threshold scan: " + points.size() + " codes cannot fix a read "
                    + "distribution; scan at least 3");
        }
        double[] theta = start(points, weight);
        double ll = logLikelihood(points, theta, weight, other);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[][] info = new double[2][2];
            double[] score = new double[2];
            accumulate(points, theta, weight, other, info, score);
            double[] step = solve(info, score);
            double scale = 1;
            double[] next = null;
            double nextLl = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < 60; h++) {
                double[] trial = {theta[0] + scale * step[0], theta[1] + scale * step[1]};
                if (trial[1] > 0) {
                    double t = logLikelihood(points, trial, weight, other);
                    if (t >= ll - 1e-9) {
                        next = trial;
                        nextLl = t;
                        break;
                    }
                }
                scale /= 2;
            }
            if (next == null) {
                break;
            }
            boolean done = Math.abs(next[0] - theta[0]) < 1e-6 * Math.max(1, theta[1])
                    && Math.abs(next[1] - theta[1]) < 1e-6 * theta[1];
            theta = next;
            ll = nextLl;
            if (done) {
                break;
            }
        }
        double[][] info = new double[2][2];
        accumulate(points, theta, weight, other, info, new double[2]);
        double det = info[0][0] * info[1][1] - info[0][1] * info[1][0];
        if (!(det > 0)) {
            throw new CalibrationException(String.format("threshold scan: the reads near code %.0f do not fix a "
                    + "normal read distribution (no code with a fraction between 0 and 1); scan more finely there",
                    theta[0]));
        }
        double seMean = Math.sqrt(info[1][1] / det);
        double seSigma = Math.sqrt(info[0][0] / det);
        return new Result(new ReadDistribution(theta[0], theta[1], seMean, seSigma),
                deviance(points, theta, weight, other), points.size() - 2);
    }

    private static double chance(double code, double[] theta, double weight, ReadDistribution other) {
        double p = weight * NormalTail.upper((code - theta[0]) / theta[1]);
        if (other != null && weight < 1) {
            p += (1 - weight) * other.upperTail(code);
        }
        return Math.min(1 - FLOOR, Math.max(FLOOR, p));
    }

    private static double logLikelihood(List<ScanPoint> points, double[] theta, double weight,
                                        ReadDistribution other) {
        double ll = 0;
        for (ScanPoint s : points) {
            double p = chance(s.thresholdCode(), theta, weight, other);
            ll += s.ones() * Math.log(p) + (s.pulses() - s.ones()) * Math.log(1 - p);
        }
        return ll;
    }

    private static void accumulate(List<ScanPoint> points, double[] theta, double weight, ReadDistribution other,
                                   double[][] info, double[] score) {
        for (ScanPoint s : points) {
            double z = (s.thresholdCode() - theta[0]) / theta[1];
            double p = chance(s.thresholdCode(), theta, weight, other);
            double f = weight * NormalTail.density(z) / theta[1];
            double[] grad = {f, f * z}; // dp/dμ, dp/dσ
            double w = s.pulses() / (p * (1 - p));
            double residual = (s.ones() - s.pulses() * p) / (p * (1 - p));
            for (int i = 0; i < 2; i++) {
                score[i] += residual * grad[i];
                for (int j = 0; j < 2; j++) {
                    info[i][j] += w * grad[i] * grad[j];
                }
            }
        }
    }

    private static double[] solve(double[][] a, double[] b) {
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        if (!(Math.abs(det) > 0)) {
            return new double[2];
        }
        return new double[] {(a[1][1] * b[0] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det};
    }

    private static double deviance(List<ScanPoint> points, double[] theta, double weight, ReadDistribution other) {
        double d = 0;
        for (ScanPoint s : points) {
            double p = chance(s.thresholdCode(), theta, weight, other);
            int k = s.ones();
            int n = s.pulses();
            if (k > 0) {
                d += 2 * k * Math.log(k / (n * p));
            }
            if (k < n) {
                d += 2 * (n - k) * Math.log((n - k) / (n * (1 - p)));
            }
        }
        return d;
    }

    /** Start: the codes where the fraction (scaled by the weight) crosses 0.84, 0.5 and 0.16, interpolated. */
    private static double[] start(List<ScanPoint> points, double weight) {
        List<ScanPoint> sorted = points.stream().sorted(Comparator.comparingInt(ScanPoint::thresholdCode)).toList();
        double mid = crossing(sorted, 0.5 * weight);
        double hi = crossing(sorted, 0.16 * weight);
        double lo = crossing(sorted, 0.84 * weight);
        double span = sorted.get(sorted.size() - 1).thresholdCode() - sorted.get(0).thresholdCode();
        double sigma = hi > lo ? (hi - lo) / 2 : Math.max(1, span / 20);
        return new double[] {mid, Math.max(0.5, sigma)};
    }

    private static double crossing(List<ScanPoint> sorted, double level) {
        for (int i = 1; i < sorted.size(); i++) {
            ScanPoint a = sorted.get(i - 1);
            ScanPoint b = sorted.get(i);
            if (a.fraction() >= level && b.fraction() < level) {
                double u = (a.fraction() - level) / (a.fraction() - b.fraction());
                return a.thresholdCode() + u * (b.thresholdCode() - a.thresholdCode());
            }
        }
        return sorted.get(sorted.size() / 2).thresholdCode();
    }
}

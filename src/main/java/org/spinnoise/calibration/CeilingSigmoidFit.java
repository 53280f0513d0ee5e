package org.spinnoise.calibration;

import java.util.Comparator;
import java.util.List;

/**
 * Maximum-likelihood fit of a sigmoid with a ceiling, {@code p(V) = k / (1 + exp(−(V − Vc) / ΔVc))}, to binomial
 * counts: the toggle probability against amplitude at a fixed pulse width, which saturates at the width's peak factor
 * k (below 1: even a precession that always starts ends reversed only that often). Fisher scoring with step-halving;
 * the covariance is the inverse Fisher information. The amplitude for a target probability q is
 * {@code Vc + ΔVc · ln(q / (k − q))}, reachable only for q below k.
 */
public final class CeilingSigmoidFit {
    private static final int MAX_ITERATIONS = 200;

    private CeilingSigmoidFit() {
    }

    /**
     * The fitted curve: {@code criticalVolts} Vc, {@code criticalWidthVolts} ΔVc, {@code ceiling} k, their covariance
     * (row-major 3 × 3, in that order), the binomial deviance and its degrees of freedom (points − 3).
     */
    public record Result(double criticalVolts, double criticalWidthVolts, double ceiling, double[] covariance,
                  double deviance, int degreesOfFreedom) {

        public double probabilityAt(double volts) {
            return ceiling * Logistic.probability((volts - criticalVolts) / criticalWidthVolts);
        }

        /** dp/dV at {@code volts}, per volt. */
        public double slopeAt(double volts) {
            double l = Logistic.probability((volts - criticalVolts) / criticalWidthVolts);
            return ceiling * l * (1 - l) / criticalWidthVolts;
        }

        /** The amplitude at which p = {@code probability} (below the ceiling). */
        public double amplitudeFor(double probability) {
            return criticalVolts + criticalWidthVolts * Math.log(probability / (ceiling - probability));
        }

        /** Standard error of {@link #amplitudeFor} by the delta method. */
        public double amplitudeStdErrFor(double probability) {
            double z = Math.log(probability / (ceiling - probability));
            double[] g = {1, z, -criticalWidthVolts / (ceiling - probability)};
            double variance = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    variance += g[a] * g[b] * covariance[3 * a + b];
                }
            }
            return Math.sqrt(Math.max(variance, 0));
        }

        public double ceilingStdErr() {
            return Math.sqrt(covariance[8]);
        }
    }

    static Result fit(List<SwitchingPoint> points) throws CalibrationException {
        List<SwitchingPoint> sorted = points.stream().sorted(Comparator.comparingDouble(SwitchingPoint::amplitudeVolts))
                .toList();
        double top = sorted.stream().mapToDouble(SwitchingPoint::fraction).max().orElse(0);
        double span = sorted.get(sorted.size() - 1).amplitudeVolts() - sorted.get(0).amplitudeVolts();
        double[] theta = {crossing(sorted, top / 2), span / 10, Math.min(Math.max(top, 0.55), 0.995)};
        double logLikelihood = logLikelihood(sorted, theta);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[3];
            double[] fisher = new double[9];
            for (SwitchingPoint p : sorted) {
                double[] d = derivatives(p.amplitudeVolts(), theta);
                double prob = clamp(d[3]);
                double weight = p.pulses() / (prob * (1 - prob));
                double residual = (p.switched() - p.pulses() * prob) / (prob * (1 - prob));
                for (int a = 0; a < 3; a++) {
                    gradient[a] += residual * d[a];
                    for (int b = 0; b < 3; b++) {
                        fisher[3 * a + b] += weight * d[a] * d[b];
                    }
                }
            }
            double[] inverse = invert(fisher);
            double[] step = new double[3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    step[a] += inverse[3 * a + b] * gradient[b];
                }
            }
            double scale = 1;
            double[] trial = add(theta, step, scale);
            while (scale > 1e-12 && !(valid(trial) && logLikelihood(sorted, trial) >= logLikelihood - 1e-12)) {
                scale /= 2;
                trial = add(theta, step, scale);
            }
            if (scale <= 1e-12) {
                break;
            }
            theta = trial;
            logLikelihood = logLikelihood(sorted, theta);
            if (Math.abs(step[0]) < 1e-12 && Math.abs(step[1]) < 1e-12 && Math.abs(step[2]) < 1e-10) {
                break;
            }
        }
        double[] fisher = new double[9];
        for (SwitchingPoint p : sorted) {
            double[] d = derivatives(p.amplitudeVolts(), theta);
            double prob = clamp(d[3]);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    fisher[3 * a + b] += p.pulses() / (prob * (1 - prob)) * d[a] * d[b];
                }
            }
        }
        return new Result(theta[0], theta[1], theta[2], invert(fisher), deviance(sorted, theta), sorted.size() - 3);
    }

    /** ∂p/∂Vc, ∂p/∂ΔVc, ∂p/∂k and p itself at {@code volts}. */
    private static double[] derivatives(double volts, double[] theta) {
        double z = (volts - theta[0]) / theta[1];
        double l = Logistic.probability(z);
        double slope = theta[2] * l * (1 - l);
        return new double[] {-slope / theta[1], -slope * z / theta[1], l, theta[2] * l};
    }

    private static double crossing(List<SwitchingPoint> sorted, double level) {
        for (int i = 1; i < sorted.size(); i++) {
            SwitchingPoint a = sorted.get(i - 1);
            SwitchingPoint b = sorted.get(i);
            if (a.fraction() < level && b.fraction() >= level) {
                double t = (level - a.fraction()) / (b.fraction() - a.fraction());
                return a.amplitudeVolts() + t * (b.amplitudeVolts() - a.amplitudeVolts());
            }
        }
        return (sorted.get(0).amplitudeVolts() + sorted.get(sorted.size() - 1).amplitudeVolts()) / 2;
    }

    private static boolean valid(double[] theta) {
        return theta[1] > 0 && theta[2] > 0 && theta[2] < 1 && Double.isFinite(theta[0]);
    }

    private static double[] add(double[] theta, double[] step, double scale) {
        return new double[] {theta[0] + scale * step[0], theta[1] + scale * step[1], theta[2] + scale * step[2]};
    }

    private static double clamp(double p) {
        return Math.min(Math.max(p, 1e-12), 1 - 1e-12);
    }

    private static double logLikelihood(List<SwitchingPoint> points, double[] theta) {
        double sum = 0;
        for (SwitchingPoint p : points) {
            double prob = clamp(theta[2] * Logistic.probability((p.amplitudeVolts() - theta[0]) / theta[1]));
            sum += p.switched() * Math.log(prob) + (p.pulses() - p.switched()) * Math.log(1 - prob);
        }
        return sum;
    }

    private static double deviance(List<SwitchingPoint> points, double[] theta) {
        double sum = 0;
        for (SwitchingPoint p : points) {
            double expected = p.pulses() * clamp(theta[2] * Logistic.probability((p.amplitudeVolts() - theta[0])
                    / theta[1]));
            double y = p.switched();
            double n = p.pulses();
            sum += (y > 0 ? y * Math.log(y / expected) : 0) + (n - y > 0 ? (n - y) * Math.log((n - y) / (n - expected)) : 0);
        }
        return 2 * sum;
    }

    /** Inverse of a symmetric 3 × 3 matrix (row-major) by cofactors; refuses a singular one. */
    private static double[] invert(double[] m) throws CalibrationException {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
            throw new CalibrationException("the amplitude sweep at the flat top cannot pin down the toggle curve "
                    + "(singular information): sweep amplitudes across the transition (switching.toggle.minVolts "
                    + ".. maxVolts)");
        }
        return new double[] {
            c00 / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            c01 / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            c02 / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }
}

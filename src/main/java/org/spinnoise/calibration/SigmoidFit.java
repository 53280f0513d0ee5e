package org.spinnoise.calibration;

import java.util.List;

/**
 * Maximum-likelihood fit of the switching sigmoid P(V) = 1 / (1 + exp(-(V - V50) / ΔV)) to binomial switching counts.
 * The model is fitted as a logistic regression logit P = a + b·x on the amplitude centred and scaled by the sweep
 * (x = (V - centre) / scale, so the Fisher matrix is well conditioned), by Newton-Raphson with step-halving on the
 * log-likelihood from a start given by weighted least squares on empirical logits. Standard errors of V50 = centre -
 * scale·a/b and ΔV = scale/b come from the inverse Fisher information by the delta method. Sweeps that cannot
 * constrain a sigmoid are refused with an {@link IllegalArgumentException} that says how to fix the sweep.
 */
public final class SigmoidFit {

    static final int MAX_ITERATIONS = 100;
    private static final int MAX_HALVINGS = 60;
    private static final double STEP_TOLERANCE = 1e-10;
    private static final double LOG_LIKELIHOOD_ROUNDING = 1e-12;

    private SigmoidFit() {
    }

    /**
     * Fits the sigmoid to {@code points}.
     *
     * @throws IllegalArgumentException when the sweep has fewer than two distinct amplitudes, never leaves one tail of
     *                                  the curve, is perfectly separated, or the iteration does not converge
     */
    public static SigmoidFitResult fit(List<SwitchingPoint> points) {
        SweepScreen.requireFittable(points);
        Sweep sweep = Sweep.of(points);
        double[] theta = sweep.linearisedStart();
        Information info = sweep.information(theta);
        int iterations = 0;
        boolean converged = false;
        while (!converged) {
            if (iterations == MAX_ITERATIONS) {
                throw new IllegalArgumentException("switching sigmoid fit did not converge in " + MAX_ITERATIONS
                        + " Newton iterations; the sweep is probably almost separated: add amplitudes across the transition");
            }
            iterations++;
            double[] step = info.newtonStep();
            // Judged on the full Newton step: near the optimum the likelihood is flat to rounding, so the size of a
            // halved step says nothing about convergence.
            converged = Math.abs(step[0]) < STEP_TOLERANCE * (1 + Math.abs(theta[0]))
                    && Math.abs(step[1]) < STEP_TOLERANCE * (1 + Math.abs(theta[1]));
            double[] trial = {theta[0] + step[0], theta[1] + step[1]};
            double floor = info.logLikelihood() - LOG_LIKELIHOOD_ROUNDING * (1 + Math.abs(info.logLikelihood()));
            // Step-halving: Newton on a concave likelihood can still overshoot far from the maximum.
            double stepScale = 1;
            for (int h = 0; h < MAX_HALVINGS && !(sweep.logLikelihood(trial) >= floor); h++) {
                stepScale /= 2;
                trial = new double[] {theta[0] + stepScale * step[0], theta[1] + stepScale * step[1]};
            }
            theta = trial;
            info = sweep.information(theta);
        }
        return sweep.result(theta, info, iterations);
    }

    /** The sweep in fitting coordinates: centred, scaled amplitudes with their counts. */
    private record Sweep(double[] x, double[] pulses, double[] switched, double centreVolts, double scaleVolts) {

        static Sweep of(List<SwitchingPoint> points) {
            int m = points.size();
            double totalPulses = 0;
            double weightedSum = 0;
            for (SwitchingPoint p : points) {
                totalPulses += p.pulses();
                weightedSum += p.pulses() * p.amplitudeVolts();
            }
            double centre = weightedSum / totalPulses;
            double weightedSquares = 0;
            for (SwitchingPoint p : points) {
                double d = p.amplitudeVolts() - centre;
                weightedSquares += p.pulses() * d * d;
            }
            double scale = Math.sqrt(weightedSquares / totalPulses);
            double[] x = new double[m];
            double[] n = new double[m];
            double[] s = new double[m];
            for (int i = 0; i < m; i++) {
                SwitchingPoint p = points.get(i);
                x[i] = (p.amplitudeVolts() - centre) / scale;
                n[i] = p.pulses();
                s[i] = p.switched();
            }
            return new Sweep(x, n, s, centre, scale);
        }

        /** Weighted least squares of the empirical logit log((s + ½)/(n − s + ½)), weighted by its inverse variance. */
        double[] linearisedStart() {
            double sw = 0;
            double swx = 0;
            double swy = 0;
            double swxx = 0;
            double swxy = 0;
            for (int i = 0; i < x.length; i++) {
                double up = switched[i] + 0.5;
                double down = pulses[i] - switched[i] + 0.5;
                double y = Math.log(up / down);
                double w = 1 / (1 / up + 1 / down);
                sw += w;
                swx += w * x[i];
                swy += w * y;
                swxx += w * x[i] * x[i];
                swxy += w * x[i] * y;
            }
            double slope = (sw * swxy - swx * swy) / (sw * swxx - swx * swx);
            return new double[] {(swy - slope * swx) / sw, slope};
        }

        double logLikelihood(double[] theta) {
            double ll = 0;
            for (int i = 0; i < x.length; i++) {
                double eta = theta[0] + theta[1] * x[i];
                ll += switched[i] * eta - pulses[i] * Logistic.softplus(eta);
            }
            return ll;
        }

        Information information(double[] theta) {
            double ga = 0;
            double gb = 0;
            double iaa = 0;
            double iab = 0;
            double ibb = 0;
            for (int i = 0; i < x.length; i++) {
                double eta = theta[0] + theta[1] * x[i];
                double p = Logistic.probability(eta);
                double residual = switched[i] - pulses[i] * p;
                double w = pulses[i] * p * (1 - p);
                ga += residual;
                gb += residual * x[i];
                iaa += w;
                iab += w * x[i];
                ibb += w * x[i] * x[i];
            }
            return new Information(ga, gb, iaa, iab, ibb, logLikelihood(theta));
        }

        SigmoidFitResult result(double[] theta, Information info, int iterations) {
            double a = theta[0];
            double b = theta[1];
            double det = info.determinant();
            if (!(det > 0) || !Double.isFinite(det)) {
                throw new IllegalArgumentException("switching sigmoid fit has a singular Fisher information at the optimum;"
                        + " the sweep does not constrain both V50 and the width: add amplitudes across the transition");
            }
            double varA = info.ibb() / det;
            double varB = info.iaa() / det;
            double covAB = -info.iab() / det;
            double v50 = centreVolts - scaleVolts * a / b;
            double delta = scaleVolts / b;
            // Delta method: gradients of V50 and ΔV with respect to (a, b).
            double dV50da = -scaleVolts / b;
            double dV50db = scaleVolts * a / (b * b);
            double dDeltadb = -scaleVolts / (b * b);
            double varV50 = dV50da * dV50da * varA + 2 * dV50da * dV50db * covAB + dV50db * dV50db * varB;
            double varDelta = dDeltadb * dDeltadb * varB;
            double covV50Delta = dV50da * dDeltadb * covAB + dV50db * dDeltadb * varB;
            return new SigmoidFitResult(v50, delta, Math.sqrt(varV50), Math.sqrt(varDelta), deviance(theta),
                    x.length - 2, iterations, covV50Delta);
        }

        /** 2 Σ [s ln(s / n p) + (n − s) ln((n − s) / n (1 − p))], with 0 ln 0 = 0. */
        double deviance(double[] theta) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double eta = theta[0] + theta[1] * x[i];
                double logP = -Logistic.softplus(-eta);
                double logQ = -Logistic.softplus(eta);
                double s = switched[i];
                double f = pulses[i] - s;
                if (s > 0) {
                    sum += s * (Math.log(s / pulses[i]) - logP);
                }
                if (f > 0) {
                    sum += f * (Math.log(f / pulses[i]) - logQ);
                }
            }
            return 2 * sum;
        }
    }

    /** Score vector, Fisher information matrix and log-likelihood at one parameter point. */
    private record Information(double ga, double gb, double iaa, double iab, double ibb, double logLikelihood) {

        double determinant() {
            return iaa * ibb - iab * iab;
        }

        double[] newtonStep() {
            double det = determinant();
            if (!(det > 0) || !Double.isFinite(det)) {
                throw new IllegalArgumentException("switching sigmoid fit lost its curvature (singular Fisher information);"
                        + " the sweep is probably almost separated: add amplitudes across the transition");
            }
            return new double[] {(ibb * ga - iab * gb) / det, (iaa * gb - iab * ga) / det};
        }
    }
}

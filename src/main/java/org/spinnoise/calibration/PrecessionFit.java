package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

/**
 * Finds the precession in a toggle map: fits {@code p = A_j · F(w)} with
 * {@code F(w) = (1 − exp(−w/τ) cos(2π w/T)) / 2} (the law of the simulated junction, {@code PrecessionalToggle}) to
 * every amplitude row j at once, by weighted least squares: for each (T, τ) each row's A_j has a closed form, so the
 * fit searches only T and τ, first on a logarithmic grid (T from 2.5 width steps, the shortest period the widths can
 * tell from an alias, to 4 × the longest width), then by pattern search. A map without a significant oscillation, or
 * whose period lies at the edge of the search, is refused: such a junction does not switch by precession within these
 * widths, and the reset-write scheme is the one to use.
 */
final class PrecessionFit {
    /** Chi-square the oscillation must win by over a constant per row (five sigma), after scaling by misfit. */
    static final double MIN_SIGNIFICANCE = 25;
    /** The flat top must still stand out of the dephased one half by this much (exp(−w/τ)). */
    static final double MIN_CONTRAST = 0.1;

    private final double[] widths;
    private final List<double[][]> rows = new ArrayList<>();
    private final double[] rowVariance;

    private PrecessionFit(ToggleMap map) {
        List<ToggleMap.Cell> cells = map.cells();
        Map<Double, List<ToggleMap.Cell>> byAmplitude = new TreeMap<>();
        for (ToggleMap.Cell c : cells) {
            byAmplitude.computeIfAbsent(c.amplitudeVolts(), a -> new ArrayList<>()).add(c);
        }
        widths = map.rows().stream().mapToDouble(SwitchingCurve::widthSeconds).toArray();
        rowVariance = new double[byAmplitude.size()];
        int j = 0;
        for (List<ToggleMap.Cell> row : byAmplitude.values()) {
            double[][] data = new double[row.size()][3]; // width, pulses, fraction
            double pulses = 0;
            double toggled = 0;
            for (int i = 0; i < row.size(); i++) {
                ToggleMap.Cell c = row.get(i);
                data[i] = new double[] {c.widthSeconds(), c.pulses(), c.fraction()};
                pulses += c.pulses();
                toggled += c.toggled();
            }
            double mean = toggled / pulses;
            // One variance per row (binomial at the row's mean), floored so a row that never toggles keeps weight.
            rowVariance[j++] = Math.max(mean * (1 - mean), 0.01);
            rows.add(data);
        }
    }

    /** Fits the map; refuses (CalibrationException) a map without precession within its widths. */
    static PrecessionFitResult fit(ToggleMap map) throws CalibrationException {
        ToggleMap.Cell best = map.mostToggled();
        if (best.fraction() < 0.05) {
            throw new CalibrationException(String.format("no pulse on the toggle map toggled the junction (at most "
                    + "%.3f of the pulses, at %.3g s and %.3f V): either the amplitudes stay below the junction's "
                    + "critical voltage (raise switching.toggle.maxVolts, within the hard limit) or the junction does "
                    + "not switch by precession: use the reset-write scheme (switching.mode \"reset-write\")",
                    best.fraction(), best.widthSeconds(), best.amplitudeVolts()));
        }
        return new PrecessionFit(map).run();
    }

    private PrecessionFitResult run() throws CalibrationException {
        double minW = widths[0];
        double maxW = widths[widths.length - 1];
        double step = (maxW - minW) / (widths.length - 1);
        double minT = 2.5 * step;
        double maxT = 4 * maxW;
        double minTau = step;
        double maxTau = 100 * maxW;
        double[] bestAt = {Double.NaN, Double.NaN};
        double bestChi = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= 600; a++) {
            double t = minT * Math.pow(maxT / minT, a / 600.0);
            for (int b = 0; b <= 40; b++) {
                double tau = minTau * Math.pow(maxTau / minTau, b / 40.0);
                double chi = chiSquared(t, tau);
                if (chi < bestChi) {
                    bestChi = chi;
                    bestAt = new double[] {t, tau};
                }
            }
        }
        double[] log = {Math.log(bestAt[0]), Math.log(bestAt[1])};
        DoubleBinaryOperator chiOfLog = (lt, ltau) -> chiSquared(Math.exp(lt), Math.exp(ltau));
        double[] stepLog = {Math.log(maxT / minT) / 600, Math.log(maxTau / minTau) / 40};
        while (stepLog[0] > 1e-9 || stepLog[1] > 1e-9) {
            boolean moved = false;
            for (int k = 0; k < 2; k++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] trial = log.clone();
                    trial[k] += sign * stepLog[k];
                    double chi = chiOfLog.applyAsDouble(trial[0], trial[1]);
                    if (chi < bestChi) {
                        bestChi = chi;
                        log = trial;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                stepLog[0] /= 2;
                stepLog[1] /= 2;
            }
        }
        double period = Math.exp(log[0]);
        double tau = Math.exp(log[1]);
        int cells = rows.stream().mapToInt(r -> r.length).sum();
        int dof = cells - rows.size() - 2;
        double misfit = Math.max(1, bestChi / Math.max(dof, 1));
        double flat = flatChiSquared();
        if ((flat - bestChi) / misfit < MIN_SIGNIFICANCE || period < 1.02 * minT || period > 0.98 * maxT) {
            throw new CalibrationException(String.format("the toggle probability does not oscillate with pulse width "
                    + "between %.3g and %.3g s (the best damped oscillation, period %.3g s, improves the fit by "
                    + "chi-square %.1f, need %.0f): the junction does not switch by precession here; use the "
                    + "reset-write scheme (switching.mode \"reset-write\"), or widen switching.toggle's widths",
                    minW, maxW, period, (flat - bestChi) / misfit, MIN_SIGNIFICANCE));
        }
        double[][] cov = covariance(period, tau, misfit);
        double w1 = PrecessionFitResult.firstPeakSeconds(period, tau);
        int number = (int) Math.max(0, Math.ceil((minW - w1) / period - 1e-12));
        double flatTop = w1 + number * period;
        if (flatTop > maxW) {
            throw new CalibrationException(String.format("the first flat top the widths reach lies at %.3g s, beyond "
                    + "the longest width measured (%.3g s; period %.3g s): raise switching.toggle.maxWidthSeconds",
                    flatTop, maxW, period));
        }
        int n = number;
        double flatTopErr = deltaMethod(cov, period, tau,
                (t, ta) -> PrecessionFitResult.firstPeakSeconds(t, ta) + n * t);
        PrecessionFitResult result = new PrecessionFitResult(period, Math.sqrt(cov[0][0]), tau, Math.sqrt(cov[1][1]),
                bestChi, flat, dof, flatTop, flatTopErr, number + 1,
                PrecessionFitResult.factor(period, tau, flatTop));
        if (result.contrast() < MIN_CONTRAST) {
            throw new CalibrationException(String.format("the oscillation has died out by the first flat top the "
                    + "widths reach (%.3g s, %d periods in; dephasing time %.3g s): toggling there is a coin whatever "
                    + "the width, with no flat top to hold; use a generator with shorter pulses or the reset-write "
                    + "scheme", flatTop, number, tau));
        }
        return result;
    }

    /** Chi-square with each row's A_j at its least-squares value for this period and dephasing time. */
    double chiSquared(double period, double tau) {
        double total = 0;
        for (int j = 0; j < rows.size(); j++) {
            double[][] row = rows.get(j);
            double sxy = 0;
            double sxx = 0;
            for (double[] c : row) {
                double f = PrecessionFitResult.factor(period, tau, c[0]);
                sxy += c[1] * c[2] * f;
                sxx += c[1] * f * f;
            }
            double a = sxx > 0 ? sxy / sxx : 0;
            for (double[] c : row) {
                double r = c[2] - a * PrecessionFitResult.factor(period, tau, c[0]);
                total += c[1] * r * r / rowVariance[j];
            }
        }
        return total;
    }

    /** Chi-square of a constant per row: the map without any oscillation. */
    private double flatChiSquared() {
        double total = 0;
        for (int j = 0; j < rows.size(); j++) {
            double sy = 0;
            double sn = 0;
            for (double[] c : rows.get(j)) {
                sy += c[1] * c[2];
                sn += c[1];
            }
            double mean = sy / sn;
            for (double[] c : rows.get(j)) {
                total += c[1] * (c[2] - mean) * (c[2] - mean) / rowVariance[j];
            }
        }
        return total;
    }

    /** Covariance of (T, τ): twice the inverse Hessian of the chi-square, by central differences, times misfit. */
    private double[][] covariance(double period, double tau, double misfit) throws CalibrationException {
        double ht = 1e-4 * period;
        double hu = 1e-4 * tau;
        double c0 = chiSquared(period, tau);
        double htt = (chiSquared(period + ht, tau) - 2 * c0 + chiSquared(period - ht, tau)) / (ht * ht);
        double huu = (chiSquared(period, tau + hu) - 2 * c0 + chiSquared(period, tau - hu)) / (hu * hu);
        double htu = (chiSquared(period + ht, tau + hu) - chiSquared(period + ht, tau - hu)
                - chiSquared(period - ht, tau + hu) + chiSquared(period - ht, tau - hu)) / (4 * ht * hu);
        double det = htt * huu - htu * htu;
        if (!(htt > 0 && det > 0)) {
            throw new CalibrationException("the toggle map does not pin down the precession period (flat chi-square "
                    + "around the best fit): add widths or pulses per cell in switching.toggle");
        }
        double scale = 2 * misfit / det;
        return new double[][] {{scale * huu, -scale * htu}, {-scale * htu, scale * htt}};
    }

    /** Standard error of g(T, τ) by the delta method. */
    static double deltaMethod(double[][] cov, double period, double tau, DoubleBinaryOperator g) {
        double ht = 1e-6 * period;
        double hu = 1e-6 * tau;
        double gt = (g.applyAsDouble(period + ht, tau) - g.applyAsDouble(period - ht, tau)) / (2 * ht);
        double gu = (g.applyAsDouble(period, tau + hu) - g.applyAsDouble(period, tau - hu)) / (2 * hu);
        return Math.sqrt(gt * gt * cov[0][0] + 2 * gt * gu * cov[0][1] + gu * gu * cov[1][1]);
    }
}

package org.spinnoise.calibration.board;

import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;

/**
 * The 95 % confidence band of a fitted switching sigmoid at any amplitude, from the expected Fisher information of the
 * sweep's binomial counts at the fitted (V50, ΔV) with their covariance (not only the two standard errors), by the
 * delta method on the logit: logit P = (V − V50)/ΔV ± 1.96·sd.
 */
public final class SweepBand {
    private static final double Z95 = 1.959963984540054;
    private final SigmoidFitResult fit;
    private final double[][] covariance;

    public SweepBand(SwitchingCurve curve, SigmoidFitResult fit) {
        this.fit = fit;
        double[][] info = new double[2][2];
        for (SwitchingPoint s : curve.points()) {
            double eta = (s.amplitudeVolts() - fit.v50Volts()) / fit.deltaVolts();
            double p = 1 / (1 + Math.exp(-eta));
            double[] g = {-1 / fit.deltaVolts(), -eta / fit.deltaVolts()}; // d eta / d(V50, ΔV)
            double w = s.pulses() * p * (1 - p);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    info[i][j] += w * g[i] * g[j];
                }
            }
        }
        double det = info[0][0] * info[1][1] - info[0][1] * info[1][0];
        covariance = new double[][] {{info[1][1] / det, -info[0][1] / det}, {-info[1][0] / det, info[0][0] / det}};
    }

    /** {low, high}: the band of the fitted probability at {@code amplitudeVolts}. */
    public double[] at(double amplitudeVolts) {
        double eta = (amplitudeVolts - fit.v50Volts()) / fit.deltaVolts();
        double[] g = {-1 / fit.deltaVolts(), -eta / fit.deltaVolts()};
        double var = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                var += g[i] * covariance[i][j] * g[j];
            }
        }
        double sd = Math.sqrt(Math.max(0, var));
        return new double[] {1 / (1 + Math.exp(-(eta - Z95 * sd))), 1 / (1 + Math.exp(-(eta + Z95 * sd)))};
    }
}

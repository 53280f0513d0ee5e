package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.OperatingPointSolver;
import org.spinnoise.calibration.ResistanceMixture;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.calibration.WidthMap;

/**
 * A bench run's calibration: the two resistance states and the threshold between them (with the mixture fit's read
 * error rate and guard band), the sigmoid fitted to the switching sweep with its 95 % intervals, what the sweep cost,
 * the operating point at p = 1/2 with the predicted error of p there, and the width map's line when one was measured.
 * V50 has two 95 % intervals: Wald (from the Fisher information) and profile likelihood (follows the likelihood's
 * shape; the better one on short or lopsided sweeps).
 * Fields are null until their stage has run (and in manifests written before they existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Calibration(ThresholdCalibration.Result levels, double thresholdOhms, double marginSigmas, double tmr,
                          SigmoidFitResult sweepFit, Double sweepFitPValue, OperatingPoint operatingPoint,
                          Double readErrorRate, Double guardLowOhms, Double guardHighOhms, Double v50CiLowVolts,
                          Double v50CiHighVolts, Double deltaCiLowVolts, Double deltaCiHighVolts, String sweepMode,
                          Long sweepPulses, OperatingPointSolver.Estimate operatingPointEstimate,
                          WidthMap.Line widthMapLine, Long widthMapPulses, Double v50ProfileCiLowVolts,
                          Double v50ProfileCiHighVolts) {

    /** The threshold stage's result alone. */
    public static Calibration ofLevels(ThresholdCalibration.Result levels) {
        ResistanceMixture m = levels.mixture();
        return new Calibration(levels, levels.threshold().ohms(), levels.threshold().marginSigmas(),
                levels.threshold().tmr(), null, null, null, m == null ? null : m.readErrorRate(),
                levels.threshold().guardLowOhms(), levels.threshold().guardHighOhms(), null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public Calibration withSweep(SigmoidFitResult fit, OperatingPoint point) {
        return new Calibration(levels, thresholdOhms, marginSigmas, tmr, fit, fit.goodnessOfFitPValue(), point,
                readErrorRate, guardLowOhms, guardHighOhms, fit.v50CiLowVolts(), fit.v50CiHighVolts(),
                fit.deltaCiLowVolts(), finiteOrNull(fit.deltaCiHighVolts()), sweepMode, sweepPulses,
                operatingPointEstimate, widthMapLine, widthMapPulses, v50ProfileCiLowVolts, v50ProfileCiHighVolts);
    }

    /** The sweep's mode and the write pulses it fired, and the operating point's predicted error. */
    public Calibration withSweepCost(String mode, long pulses, OperatingPointSolver.Estimate estimate) {
        return new Calibration(levels, thresholdOhms, marginSigmas, tmr, sweepFit, sweepFitPValue, operatingPoint,
                readErrorRate, guardLowOhms, guardHighOhms, v50CiLowVolts, v50CiHighVolts, deltaCiLowVolts,
                deltaCiHighVolts, mode, pulses, estimate, widthMapLine, widthMapPulses, v50ProfileCiLowVolts,
                v50ProfileCiHighVolts);
    }

    /** The 95 % profile-likelihood interval of V50 ({lower, upper}). */
    public Calibration withV50ProfileInterval(double[] interval) {
        return new Calibration(levels, thresholdOhms, marginSigmas, tmr, sweepFit, sweepFitPValue, operatingPoint,
                readErrorRate, guardLowOhms, guardHighOhms, v50CiLowVolts, v50CiHighVolts, deltaCiLowVolts,
                deltaCiHighVolts, sweepMode, sweepPulses, operatingPointEstimate, widthMapLine, widthMapPulses,
                finiteOrNull(interval[0]), finiteOrNull(interval[1]));
    }

    public Calibration withWidthMap(WidthMap.Line line, long pulses) {
        return new Calibration(levels, thresholdOhms, marginSigmas, tmr, sweepFit, sweepFitPValue, operatingPoint,
                readErrorRate, guardLowOhms, guardHighOhms, v50CiLowVolts, v50CiHighVolts, deltaCiLowVolts,
                deltaCiHighVolts, sweepMode, sweepPulses, operatingPointEstimate, line, pulses, v50ProfileCiLowVolts,
                v50ProfileCiHighVolts);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

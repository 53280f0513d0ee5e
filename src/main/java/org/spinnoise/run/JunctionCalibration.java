package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.AdaptiveSweep;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.instrument.Bench;

/**
 * The calibration of one junction of an array on its own bench, through the same {@link CalibrationStages} a
 * single-junction run goes through (the mixture threshold with its guard band, the recipe's fixed or adaptive sweep
 * with its fit checked, the fair operating point from the solver), with its tables in the run folder under the
 * junction's prefix ({@code junction-ID-levels.csv}, {@code -threshold.csv}, {@code -sweep-reads.csv},
 * {@code -sweep.csv}), as a single-junction run writes them without the prefix.
 */
final class JunctionCalibration {
    /** A junction's calibration: its threshold, the sweep and its fit, and the fair operating point. */
    record Result(ThresholdCalibration.Result levels, AdaptiveSweep.Result sweep, OperatingPoint point) {
        Threshold threshold() {
            return levels.threshold();
        }

        SigmoidFitResult fit() {
            return sweep.fit();
        }
    }

    private JunctionCalibration() {
    }

    /** Measures the levels, sweeps and fits; throws a {@link CalibrationException} for a junction that cannot be used. */
    static Result calibrate(int junction, Bench bench, AcquisitionPlan plan, RunFolder folder, RunListener listener,
                            RunStopper stopper) throws IOException {
        String prefix = "junction-" + junction + "-";
        ThresholdCalibration.Result levels = CalibrationStages.levels(bench, plan, folder, prefix, stopper);
        CalibrationStages.Swept swept = CalibrationStages.sweep(bench, plan, levels.threshold(), folder, prefix,
                plan.seed() + junction, listener, stopper);
        return new Result(levels, swept.sweep(), swept.point());
    }
}

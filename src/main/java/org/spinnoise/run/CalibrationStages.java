package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.AdaptiveSweep;
import org.spinnoise.calibration.OperatingPointSolver;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SweepVerdict;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.calibration.ThresholdTable;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * The bench calibration stages one junction goes through, for a single-junction run ({@link CalibratedAcquisition},
 * files unprefixed) and for each junction of an array ({@link JunctionCalibration}, files prefixed junction-ID-)
 * alike: the two resistance states and the mixture threshold with its guard band ({@code levels.csv},
 * {@code threshold.csv}), then the recipe's sweep, fixed (fitted and checked by {@link SweepVerdict}) or adaptive
 * ({@link AdaptiveSweep}), its reads in {@code sweep-reads.csv} and its table with the fit's band in
 * {@code sweep.csv}, and the fair operating point from {@link OperatingPointSolver}.
 */
final class CalibrationStages {
    /** What the sweep stage found: the sweep (curve, fit, pulses), the solver's estimate and the operating point. */
    record Swept(AdaptiveSweep.Result sweep, OperatingPointSolver.Estimate fair, OperatingPoint point) {
        SigmoidFitResult fit() {
            return sweep.fit();
        }
    }

    private CalibrationStages() {
    }

    /** The two states read through the configured SMU, every read in prefix-levels.csv, the threshold's table. */
    static ThresholdCalibration.Result levels(Bench bench, AcquisitionPlan plan, RunFolder folder, String prefix,
                                              RunStopper stopper) throws IOException {
        bench.smu().configureRead(plan.read());
        ThresholdCalibration.Result levels;
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(prefix + "levels.csv"),
                StandardCharsets.US_ASCII)) {
            out.write("intended_bit,resistance_ohms\n");
            PulseShape set = new PulseShape(plan.levels().setAmplitudeVolts(), plan.sweep().widthSeconds());
            levels = ThresholdCalibration.run(bench, plan.reset(), set, plan.levels().readsPerState(), read -> {
                try {
                    out.write(read.intendedBit() + "," + read.resistanceOhms() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stopper::stopRequested);
        }
        ThresholdTable.write(folder.file(prefix + "threshold.csv"), levels.mixture());
        return levels;
    }

    /**
     * The recipe's sweep at {@code threshold}, its fit, its tables under {@code prefix} and the operating point: the
     * amplitude for the recipe's target probability ({@code tracking.targetProbability}, 1/2 unless asked otherwise),
     * the one the tracker then holds.
     */
    static Swept sweep(Bench bench, AcquisitionPlan plan, Threshold threshold, RunFolder folder, String prefix,
                       long seed, RunListener listener, RunStopper stopper) throws IOException {
        AdaptiveSweep.Result sweep = run(bench, plan, threshold, folder, prefix, seed, listener, stopper);
        CalibrationTables.writeSweep(folder.file(prefix + "sweep.csv"), sweep.curve(), sweep.fit());
        OperatingPointSolver.Estimate fair = OperatingPointSolver.solve(sweep.fit(),
                plan.tracking().targetProbability(), plan.limits().maxJunctionVolts());
        OperatingPoint point = new OperatingPoint(new PulseShape(fair.amplitudeVolts(), plan.sweep().widthSeconds()),
                plan.reset());
        return new Swept(sweep, fair, point);
    }

    /** The recipe's sweep (fixed plan or adaptive) through the per-bit source, its reads in prefix-sweep-reads.csv. */
    private static AdaptiveSweep.Result run(Bench bench, AcquisitionPlan plan, Threshold threshold, RunFolder folder,
                                            String prefix, long seed, RunListener listener, RunStopper stopper)
            throws IOException {
        OperatingPoint start = new OperatingPoint(new PulseShape(plan.sweep().startVolts(),
                plan.sweep().widthSeconds()), plan.reset());
        try (BatchRecorder sweepReads = BatchRecorder.readsOnly(folder.file(prefix + "sweep-reads.csv"));
             PerBitBenchSource source = PerBitBenchSource.start(bench, start, threshold, stopper::stopRequested)) {
            Consumer<BitBatch> recorder = batch -> {
                try {
                    sweepReads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            listener.sweepStarting(plan.sweep().plannedPulses());
            if (plan.sweep().isAdaptive()) {
                return AdaptiveSweep.run(source, plan.sweep(), seed, recorder, listener::sweepPoint,
                        stopper::stopRequested);
            }
            SwitchingCurve curve = SwitchingSweep.run(source, plan.sweep(), seed, recorder, listener::sweepPoint,
                    stopper::stopRequested);
            SigmoidFitResult fit = SweepVerdict.fitAndCheck(String.format(Locale.ROOT, "at %.3g s",
                    curve.widthSeconds()), curve.points());
            return new AdaptiveSweep.Result(curve, fit, plan.sweep().plannedPulses(), 0);
        }
    }
}

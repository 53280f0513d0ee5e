package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * The calibration of one junction of an array on its own bench, through the calibration package's public entry points
 * (the threshold between its two resistance states, the switching sweep on the {@code BitSource} seam and the sigmoid
 * fit), with its tables in the run folder under the junction's prefix ({@code junction-ID-levels.csv},
 * {@code -sweep-reads.csv}, {@code -sweep.csv}), as a single-junction run writes them without the prefix.
 */
final class JunctionCalibration {
    /** A junction's calibration: its threshold, the fitted curve and the operating point at V50. */
    record Result(ThresholdCalibration.Result levels, SigmoidFitResult fit, OperatingPoint point) {
        Threshold threshold() {
            return levels.threshold();
        }
    }

    private JunctionCalibration() {
    }

    /** Measures the levels, sweeps and fits; throws a {@link CalibrationException} for a junction that cannot be used. */
    static Result calibrate(int junction, Bench bench, AcquisitionPlan plan, RunFolder folder, RunListener listener,
                            RunStopper stopper) throws IOException {
        String prefix = "junction-" + junction + "-";
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
        OperatingPoint start = new OperatingPoint(new PulseShape(plan.sweep().startVolts(),
                plan.sweep().widthSeconds()), plan.reset());
        SwitchingCurve curve;
        try (BatchRecorder sweepReads = BatchRecorder.readsOnly(folder.file(prefix + "sweep-reads.csv"));
             PerBitBenchSource source = PerBitBenchSource.start(bench, start, levels.threshold(),
                     stopper::stopRequested)) {
            curve = SwitchingSweep.run(source, plan.sweep(), plan.seed() + junction, batch -> {
                try {
                    sweepReads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listener::sweepPoint, stopper::stopRequested);
        }
        SigmoidFitResult fit;
        try {
            fit = curve.fit();
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("switching sweep: " + e.getMessage(), e);
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(prefix + "sweep.csv"),
                StandardCharsets.US_ASCII)) {
            out.write("write_amplitude_volts,pulses,switched,fraction,fitted_probability\n");
            for (SwitchingPoint p : curve.points()) {
                out.write(p.amplitudeVolts() + "," + p.pulses() + "," + p.switched() + "," + p.fraction() + ","
                        + fit.probabilityAt(p.amplitudeVolts()) + "\n");
            }
        }
        return new Result(levels, fit, new OperatingPoint(new PulseShape(fit.v50Volts(), plan.sweep().widthSeconds()),
                plan.reset()));
    }
}

package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.WidthMap;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * The calibration stages' run-folder tables beyond the threshold's: sweep.csv (counts, fitted probability and its
 * 95 % band per amplitude) and the width map (width-map.csv, width-map-fit.csv, its reads in width-map-reads.csv),
 * kept out of {@link CalibratedAcquisition} so the run stays a list of stages.
 */
final class CalibrationTables {
    static final String SWEEP_HEADER = "write_amplitude_volts,write_width_seconds,pulses,switched,fraction,"
            + "fitted_probability,band_low,band_high";

    private CalibrationTables() {
    }

    static void writeSweep(Path file, SwitchingCurve curve, SigmoidFitResult fit) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(SWEEP_HEADER + "\n");
            for (SwitchingPoint p : curve.points()) {
                double v = p.amplitudeVolts();
                out.write(v + "," + curve.widthSeconds() + "," + p.pulses() + "," + p.switched() + "," + p.fraction()
                        + "," + fit.probabilityAt(v) + "," + fit.bandLowAt(v) + "," + fit.bandHighAt(v) + "\n");
            }
        }
    }

    /** Runs the recipe's width map through a per-bit source and writes its tables. */
    static WidthMap.Result widthMap(Bench bench, AcquisitionPlan plan, Threshold threshold, RunFolder folder,
                                    RunStopper stopper) throws IOException {
        OperatingPoint start = new OperatingPoint(new PulseShape(plan.sweep().startVolts(),
                plan.sweep().widthSeconds()), plan.reset());
        WidthMap.Result map;
        try (BatchRecorder reads = BatchRecorder.readsOnly(folder.file("width-map-reads.csv"));
             PerBitBenchSource source = PerBitBenchSource.start(bench, start, threshold, stopper::stopRequested)) {
            map = WidthMap.run(source, plan.sweep(), plan.sweep().widthsSeconds(), plan.seed() + 1, batch -> {
                try {
                    reads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stopper::stopRequested);
        }
        WidthMap.writeGrid(folder.file("width-map.csv"), map);
        WidthMap.writeFit(folder.file("width-map-fit.csv"), map);
        return map;
    }
}

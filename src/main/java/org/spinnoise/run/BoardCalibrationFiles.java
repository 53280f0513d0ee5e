package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.calibration.board.BoardThreshold;
import org.spinnoise.calibration.board.ReadDistribution;
import org.spinnoise.calibration.board.ScanPoint;
import org.spinnoise.calibration.board.SweepBand;

/**
 * Writes a board calibration into a run folder, in the run-folder CSV formats the plots read (US-ASCII, header first,
 * numbers in Java's Double.toString form): {@code sweep.csv} (with the fit's 95 % band), {@code threshold.csv} in ohms
 * when the board's ohms per read code is known, and always {@code threshold-codes.csv} (the same columns in read-DAC
 * codes) and {@code threshold-scan.csv} (every comparator setting of both scans). A board reports no resistances, so
 * there is no {@code levels.csv}. The threshold row's parallel_weight is 0.5: the threshold is placed for fair bits.
 */
public final class BoardCalibrationFiles {
    public static final String SWEEP = "sweep.csv";
    public static final String THRESHOLD = "threshold.csv";
    public static final String THRESHOLD_CODES = "threshold-codes.csv";
    public static final String THRESHOLD_SCAN = "threshold-scan.csv";
    private static final double FAIR_WEIGHT = 0.5;

    private BoardCalibrationFiles() {
    }

    public static void write(Path dir, BoardCalibration.Result r) throws IOException {
        write(dir, "", r);
    }

    /**
     * The same files named {@code prefix + name}: a board array writes each junction's as junction-ID-sweep.csv and so
     * on, the names the plots draw per junction.
     */
    public static void write(Path dir, String prefix, BoardCalibration.Result r) throws IOException {
        writeSweep(dir.resolve(prefix + SWEEP), r);
        BoardThreshold t = r.threshold();
        ReadDistribution p = t.parallel();
        ReadDistribution ap = t.antiparallel();
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(prefix + THRESHOLD_CODES), StandardCharsets.US_ASCII)) {
            out.write("threshold_code,guard_low_code,guard_high_code,parallel_code,parallel_sigma_codes,"
                    + "antiparallel_code,antiparallel_sigma_codes,parallel_weight,read_error_rate,read_volts_per_code\n");
            out.write(row((double) t.thresholdCode(), (double) t.guardLowCode(), (double) t.guardHighCode(),
                    p.meanCode(), p.sigmaCodes(), ap.meanCode(), ap.sigmaCodes(), FAIR_WEIGHT, t.readErrorRate(),
                    t.readVoltsPerCode()));
        }
        if (t.ohmsKnown()) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(prefix + THRESHOLD), StandardCharsets.US_ASCII)) {
                out.write("threshold_ohms,guard_low_ohms,guard_high_ohms,parallel_ohms,parallel_sigma_ohms,"
                        + "antiparallel_ohms,antiparallel_sigma_ohms,parallel_weight,read_error_rate\n");
                out.write(row(t.ohms(t.thresholdCode()), t.ohms(t.guardLowCode()), t.ohms(t.guardHighCode()),
                        t.ohms(p.meanCode()), t.ohms(p.sigmaCodes()), t.ohms(ap.meanCode()), t.ohms(ap.sigmaCodes()),
                        FAIR_WEIGHT, t.readErrorRate()));
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(prefix + THRESHOLD_SCAN), StandardCharsets.US_ASCII)) {
            out.write("state,threshold_code,pulses,ones\n");
            for (ScanPoint s : t.parallelScan()) {
                out.write("P," + s.thresholdCode() + "," + s.pulses() + "," + s.ones() + "\n");
            }
            for (ScanPoint s : t.antiparallelScan()) {
                out.write("AP," + s.thresholdCode() + "," + s.pulses() + "," + s.ones() + "\n");
            }
        }
    }

    private static void writeSweep(Path file, BoardCalibration.Result r) throws IOException {
        SweepBand band = new SweepBand(r.curve(), r.fit());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("write_amplitude_volts,write_width_seconds,pulses,switched,fraction,fitted_probability,"
                    + "band_low,band_high\n");
            for (SwitchingPoint s : r.curve().points()) {
                double[] b = band.at(s.amplitudeVolts());
                out.write(s.amplitudeVolts() + "," + r.curve().widthSeconds() + "," + s.pulses() + "," + s.switched()
                        + "," + s.fraction() + "," + r.fit().probabilityAt(s.amplitudeVolts()) + "," + b[0] + ","
                        + b[1] + "\n");
            }
        }
    }

    private static String row(Double... values) {
        StringBuilder line = new StringBuilder();
        for (Double v : values) {
            line.append(line.length() == 0 ? "" : ",").append(v);
        }
        return line.append('\n').toString();
    }
}

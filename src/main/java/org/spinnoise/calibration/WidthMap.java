package org.spinnoise.calibration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;

/**
 * The 2-D switching map: an adaptive amplitude sweep at each of several write-pulse widths on one {@link BitSource},
 * V50 fitted per width, and the line V50 = a + b·log10(width) fitted to them by weighted least squares (weights
 * 1/SE² of each V50). The line's uncertainties come from the weighted normal equations, scaled up by the square root
 * of the reduced chi-square when the points scatter more than their errors say (a junction whose V50 is not exactly
 * linear in log width). Writes width-map.csv (the raw grid) and width-map-fit.csv (V50 per width with its 95 % interval).
 */
public final class WidthMap {
    private static final Logger LOG = LoggerFactory.getLogger(WidthMap.class);

    private WidthMap() {
    }

    /** One width's sweep. */
    public record WidthSweep(double widthSeconds, AdaptiveSweep.Result sweep) {
    }

    /**
     * V50 = interceptVolts + slopeVoltsPerDecade·log10(width / 1 s), with standard errors, their covariance and the
     * weighted residual chi-square.
     */
    public record Line(double interceptVolts, double slopeVoltsPerDecade, double interceptStdErrVolts,
                       double slopeStdErrVoltsPerDecade, double covarianceVolts2, double chiSquare,
                       int degreesOfFreedom) {
        /** V50 the line predicts at {@code widthSeconds}. */
        public double v50At(double widthSeconds) {
            return interceptVolts + slopeVoltsPerDecade * Math.log10(widthSeconds);
        }

        /** Lower end of the 95 % interval of the slope. */
        public double slopeCiLow() {
            return slopeVoltsPerDecade - SigmoidFitResult.Z95 * slopeStdErrVoltsPerDecade;
        }

        /** Upper end of the 95 % interval of the slope. */
        public double slopeCiHigh() {
            return slopeVoltsPerDecade + SigmoidFitResult.Z95 * slopeStdErrVoltsPerDecade;
        }
    }

    /** The map: each width's sweep and the line through their V50s. */
    public record Result(List<WidthSweep> widths, Line line, long pulses) {
    }

    /** Sweeps {@code plan} at each of {@code widthsSeconds} (the plan's own width ignored), then fits the line. */
    public static Result run(BitSource source, SweepPlan plan, List<Double> widthsSeconds, long seed,
                             Consumer<BitBatch> recorder, BooleanSupplier stopRequested) throws IOException {
        if (widthsSeconds.size() < 2) {
            throw new IllegalArgumentException("a width map needs at least 2 widths, got " + widthsSeconds.size());
        }
        List<WidthSweep> sweeps = new ArrayList<>();
        long pulses = 0;
        int i = 0;
        for (double width : widthsSeconds) {
            AdaptiveSweep.Result r = AdaptiveSweep.run(source, plan.atWidth(width), seed + i++, recorder, p -> { },
                    stopRequested);
            sweeps.add(new WidthSweep(r.curve().widthSeconds(), r));
            pulses += r.pulses();
        }
        Line line = fitLine(sweeps);
        LOG.info("width map: V50 = {} V + {} V/decade * log10(width), slope ± {}, from {} widths and {} pulses",
                line.interceptVolts(), line.slopeVoltsPerDecade(), line.slopeStdErrVoltsPerDecade(), sweeps.size(),
                pulses);
        return new Result(List.copyOf(sweeps), line, pulses);
    }

    static Line fitLine(List<WidthSweep> sweeps) {
        double sw = 0;
        double swx = 0;
        double swy = 0;
        double swxx = 0;
        double swxy = 0;
        for (WidthSweep s : sweeps) {
            double x = Math.log10(s.widthSeconds());
            double y = s.sweep().fit().v50Volts();
            double w = 1 / (s.sweep().fit().v50StdErrVolts() * s.sweep().fit().v50StdErrVolts());
            sw += w;
            swx += w * x;
            swy += w * y;
            swxx += w * x * x;
            swxy += w * x * y;
        }
        double det = sw * swxx - swx * swx;
        if (!(det > 0)) {
            throw new IllegalArgumentException("width map needs at least two distinct widths");
        }
        double slope = (sw * swxy - swx * swy) / det;
        double intercept = (swxx * swy - swx * swxy) / det;
        double chiSquare = 0;
        for (WidthSweep s : sweeps) {
            double residual = s.sweep().fit().v50Volts() - intercept - slope * Math.log10(s.widthSeconds());
            chiSquare += residual * residual / (s.sweep().fit().v50StdErrVolts() * s.sweep().fit().v50StdErrVolts());
        }
        int dof = sweeps.size() - 2;
        double scale = dof > 0 ? Math.max(1, chiSquare / dof) : 1;
        return new Line(intercept, slope, Math.sqrt(scale * swxx / det), Math.sqrt(scale * sw / det),
                -scale * swx / det, chiSquare, dof);
    }

    /** width-map.csv: every amplitude of every width with its counts. */
    public static void writeGrid(Path file, Result map) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("write_width_seconds,write_amplitude_volts,pulses,switched\n");
            for (WidthSweep s : map.widths()) {
                for (SwitchingPoint p : s.sweep().curve().points()) {
                    out.write(s.widthSeconds() + "," + p.amplitudeVolts() + "," + p.pulses() + "," + p.switched()
                            + "\n");
                }
            }
        }
    }

    /** width-map-fit.csv: V50 per width with its 95 % interval, and ΔV. */
    public static void writeFit(Path file, Result map) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write("write_width_seconds,v50_volts,v50_ci_low_volts,v50_ci_high_volts,delta_volts\n");
            for (WidthSweep s : map.widths()) {
                SigmoidFitResult f = s.sweep().fit();
                out.write(s.widthSeconds() + "," + f.v50Volts() + "," + f.v50CiLowVolts() + "," + f.v50CiHighVolts()
                        + "," + f.deltaVolts() + "\n");
            }
        }
    }
}

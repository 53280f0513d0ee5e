package org.spinnoise.report;

import java.awt.Color;

/**
 * tracking.png from tracking.csv: above, the running bias estimate over time with its ±2 standard-error band and the
 * target (bias 0, p = 1/2); below, the write amplitude in force over time, each adjustment marked by a bar from the
 * amplitude before it to the one after. One colour per junction when the run tracked several.
 */
final class TrackingPlot {
    static final String FILE = "tracking.png";
    static final String INPUT = "tracking.csv";
    static final int HEIGHT = 760;
    static final Color BIAS = Palette.BLUE;
    static final Color AMPLITUDE = Palette.PURPLE;
    static final Color ADJUSTMENT = Palette.RED;
    static final Color TARGET = Palette.BLACK;

    private TrackingPlot() {
    }

    static Figure figure(CsvTable tracking) throws PlotInputException {
        tracking.nonEmpty();
        double[] time = tracking.column("time_seconds");
        double[] junction = tracking.column("junction");
        double[] bias = tracking.column("bias");
        double[] stderr = tracking.column("bias_stderr");
        double[] amplitude = tracking.column("write_amplitude_volts");
        double[] adjusted = tracking.column("adjusted");
        tracking.requireAtLeast("time_seconds", time, 0);
        tracking.requireAtLeast("junction", junction, 0);
        tracking.requireAtLeast("bias_stderr", stderr, 0);
        for (int r = 0; r < time.length; r++) {
            if (junction[r] != Math.rint(junction[r])) {
                throw tracking.bad(r, "junction " + junction[r] + " must be a whole number");
            }
            if (adjusted[r] != 0 && adjusted[r] != 1) {
                throw tracking.bad(r, "adjusted " + adjusted[r] + " must be 0 or 1");
            }
            if (!(Math.abs(bias[r]) <= 0.5)) {
                throw tracking.bad(r, "bias " + bias[r] + " must be between -0.5 and 0.5 (fraction of ones less 1/2)");
            }
            if (!Double.isFinite(amplitude[r])) {
                throw tracking.bad(r, "write_amplitude_volts " + amplitude[r] + " is not a finite number");
            }
        }
        TimeScale scale = TimeScale.of(Columns.range(time)[1]);
        double[] t = new double[time.length];
        for (int r = 0; r < t.length; r++) {
            t[r] = time[r] / scale.seconds();
        }
        double[] tRange = Columns.range(t);
        Axis x = Axis.linearOver("time", scale.unit(), tRange[0], tRange[1], 0.02);

        double reach = 0.005;
        for (int r = 0; r < bias.length; r++) {
            reach = Math.max(reach, Math.abs(bias[r]) + 2 * stderr[r]);
        }
        Axis yBias = new Axis("bias (fraction of ones - 1/2)", "", -reach * 1.15, reach * 1.15, false);
        double[] aRange = Columns.range(amplitude);
        Axis yAmplitude = Axis.linearOver("write amplitude", "V", aRange[0], aRange[1], 0.12);

        double[] junctions = Columns.distinct(junction);
        boolean several = junctions.length > 1;
        int adjustments = 0;
        for (double d : adjusted) {
            adjustments += d == 1 ? 1 : 0;
        }
        Chart top = new Chart("Drift tracking: bias estimate", x, yBias).legendAt(Chart.Corner.TOP_RIGHT);
        Chart bottom = new Chart("Write amplitude in force (" + adjustments + " adjustment"
                + (adjustments == 1 ? "" : "s") + ")", x, yAmplitude).legendAt(Chart.Corner.TOP_RIGHT);
        top.add(new Markers.HorizontalLine(0, TARGET, true, "target p = 1/2", null));
        for (int k = 0; k < junctions.length; k++) {
            int[] rows = Columns.rowsWhere(junction, junctions[k], time);
            String suffix = several ? ", junction " + (long) junctions[k] : "";
            Color biasColour = several ? Palette.series(k) : BIAS;
            double[] ts = Columns.pick(t, rows);
            double[] b = Columns.pick(bias, rows);
            double[] se = Columns.pick(stderr, rows);
            double[] low = new double[rows.length];
            double[] high = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                low[i] = b[i] - 2 * se[i];
                high[i] = b[i] + 2 * se[i];
            }
            top.add(new Series.Band(ts, low, high, Palette.translucent(biasColour, 55), "±2 standard errors" + suffix));
            top.add(new Series.Line(ts, b, biasColour, false, "bias" + suffix));
            addAmplitude(bottom, ts, Columns.pick(amplitude, rows), Columns.pick(adjusted, rows),
                    several ? Palette.series(k) : AMPLITUDE, several ? Palette.series(k) : ADJUSTMENT, suffix, several);
        }
        return new Figure(Figure.WIDTH, HEIGHT).add(top).add(bottom);
    }

    /** The amplitude as stairs (it holds from one decision to the next), each adjustment a bar from old to new. */
    private static void addAmplitude(Chart chart, double[] t, double[] amplitude, double[] adjusted, Color line,
                                     Color marks, String suffix, boolean several) {
        double[] sx = new double[Math.max(1, 2 * t.length - 1)];
        double[] sy = new double[sx.length];
        for (int i = 0; i < t.length; i++) {
            sx[2 * i] = t[i];
            sy[2 * i] = amplitude[i];
            if (i + 1 < t.length) {
                sx[2 * i + 1] = t[i + 1];
                sy[2 * i + 1] = amplitude[i];
            }
        }
        chart.add(new Series.Line(sx, sy, line, false, "amplitude" + suffix));
        int n = 0;
        for (double d : adjusted) {
            n += d == 1 ? 1 : 0;
        }
        double[] at = new double[n];
        double[] after = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0, m = 0; i < t.length; i++) {
            if (adjusted[i] == 1) {
                double before = i > 0 ? amplitude[i - 1] : amplitude[i];
                at[m] = t[i];
                after[m] = amplitude[i];
                low[m] = Math.min(before, amplitude[i]);
                high[m] = Math.max(before, amplitude[i]);
                m++;
            }
        }
        if (n > 0 || !several) {
            // with several junctions, one that held its amplitude needs no "0 adjustments" legend line
            chart.add(new Series.Points(at, after, low, high, marks, n + " adjustment" + (n == 1 ? "" : "s")
                    + suffix + " (bar: old to new)"));
        }
    }

    /** The unit a time axis reads best in: seconds for short runs, minutes, then hours. */
    record TimeScale(String unit, double seconds) {
        static TimeScale of(double longestSeconds) {
            if (longestSeconds > 3 * 3600) {
                return new TimeScale("h", 3600);
            }
            if (longestSeconds > 300) {
                return new TimeScale("min", 60);
            }
            return new TimeScale("s", 1);
        }
    }
}

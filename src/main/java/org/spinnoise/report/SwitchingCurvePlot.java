package org.spinnoise.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * switching-curve.png from sweep.csv: the measured switching fraction at each amplitude with its Wilson 95 % interval,
 * the fitted sigmoid (drawn from the fitted_probability column), its 95 % confidence band when the file has
 * band_low/band_high, and V50 marked. V50 is the manifest's fitted value (calibration.sweep_fit) when the run has one
 * and the sweep is at one width; otherwise where the fitted curve crosses 1/2. The label says which. A sweep at
 * several widths draws one curve per width.
 */
final class SwitchingCurvePlot {
    static final String FILE = "switching-curve.png";
    static final String INPUT = "sweep.csv";
    static final Color POINTS = Palette.BLACK;
    static final Color CURVE = Palette.BLUE;
    static final Color V50 = Palette.RED;

    private SwitchingCurvePlot() {
    }

    static Figure figure(CsvTable sweep, ManifestFacts manifest) throws PlotInputException {
        sweep.nonEmpty();
        double[] amplitude = sweep.column("write_amplitude_volts");
        double[] pulses = sweep.column("pulses");
        double[] switched = sweep.column("switched");
        double[] width = sweep.optional("write_width_seconds");
        double[] fitted = sweep.optional("fitted_probability");
        double[] bandLow = sweep.optional("band_low");
        double[] bandHigh = sweep.optional("band_high");
        boolean band = bandLow != null && bandHigh != null;
        checkRows(sweep, amplitude, pulses, switched, fitted);
        if (band) {
            checkProbabilities(sweep, "band_low", bandLow);
            checkProbabilities(sweep, "band_high", bandHigh);
        }

        // today's sweep.csv has no width column; the recipe's sweep width in the manifest names it
        double[] widths = width == null ? new double[] {manifest.sweepWidthSeconds()} : Columns.distinct(width);
        double[] xRange = Columns.range(amplitude);
        Axis x = Axis.linearOver("write amplitude", "V", xRange[0], xRange[1], 0.05);
        Axis y = new Axis("switching fraction", "", -0.03, 1.03, false);
        String title = "Switching curve";
        if (widths.length == 1 && !Double.isNaN(widths[0])) {
            title += " at " + SiFormat.value(widths[0], "s") + " write pulses";
        }
        Chart chart = new Chart(title, x, y).legendAt(Chart.Corner.TOP_LEFT);
        chart.add(new Markers.HorizontalLine(0.5, Palette.GREY, true, "p = 1/2", null));

        boolean several = widths.length > 1;
        for (int w = 0; w < widths.length; w++) {
            int[] rows = width == null ? Columns.allRows(amplitude) : Columns.rowsWhere(width, widths[w], amplitude);
            String suffix = several ? " at " + SiFormat.value(widths[w], "s") : "";
            Color pointColour = several ? Palette.series(w) : POINTS;
            Color curveColour = several ? Palette.series(w) : CURVE;
            double[] xs = Columns.pick(amplitude, rows);
            int[] unique = firstOfEachAmplitude(xs);
            double[] curveX = pickIndices(xs, unique);
            double[] dense = Columns.evenly(curveX[0], curveX[curveX.length - 1], 240);
            if (band && curveX.length > 1) {
                double[] low = new double[dense.length];
                double[] high = new double[dense.length];
                LogitCurve lowCurve = new LogitCurve(curveX, pickIndices(Columns.pick(bandLow, rows), unique));
                LogitCurve highCurve = new LogitCurve(curveX, pickIndices(Columns.pick(bandHigh, rows), unique));
                for (int i = 0; i < dense.length; i++) {
                    low[i] = lowCurve.at(dense[i]);
                    high[i] = highCurve.at(dense[i]);
                }
                chart.add(new Series.Band(dense, low, high, Palette.translucent(curveColour, 60),
                        "95 % confidence band" + suffix));
            }
            LogitCurve fit = null;
            if (fitted != null) {
                fit = new LogitCurve(curveX, pickIndices(Columns.pick(fitted, rows), unique));
                if (curveX.length > 1) {
                    double[] p = new double[dense.length];
                    for (int i = 0; i < dense.length; i++) {
                        p[i] = fit.at(dense[i]);
                    }
                    chart.add(new Series.Line(dense, p, curveColour, false, "fitted sigmoid" + suffix));
                }
            }
            double[] fraction = new double[rows.length];
            double[] low = new double[rows.length];
            double[] high = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                fraction[i] = pulses[r] > 0 ? switched[r] / pulses[r] : Double.NaN;
                double[] ci = Binomial.wilson95(switched[r], pulses[r]);
                low[i] = ci[0];
                high[i] = ci[1];
            }
            chart.add(new Series.Points(xs, fraction, low, high, pointColour,
                    "measured fraction, Wilson 95 %" + suffix));
            addV50(chart, fit, several ? Double.NaN : manifest.v50Volts(), manifest.v50StdErrVolts(),
                    several ? curveColour : V50, suffix);
        }
        return new Figure(Figure.WIDTH, Figure.HEIGHT).add(chart);
    }

    private static void addV50(Chart chart, LogitCurve fit, double manifestV50, double manifestStdErr, Color colour,
                               String suffix) {
        double v50;
        String source;
        if (!Double.isNaN(manifestV50)) {
            v50 = manifestV50;
            source = Double.isNaN(manifestStdErr) ? "manifest fit"
                    : "± " + SiFormat.value(Binomial.Z95 * manifestStdErr, "V") + " 95 %, manifest fit";
        } else if (fit != null && !Double.isNaN(fit.crossingOfHalf())) {
            v50 = fit.crossingOfHalf();
            source = "fitted curve crosses 1/2";
        } else {
            return;
        }
        String text = "V50 = " + SiFormat.precise(v50, "V");
        chart.add(new Markers.VerticalLine(v50, colour, true, text, text + suffix + " (" + source + ")"));
    }

    private static void checkRows(CsvTable sweep, double[] amplitude, double[] pulses, double[] switched,
                                  double[] fitted) throws PlotInputException {
        sweep.requireAtLeast("pulses", pulses, 0);
        sweep.requireAtLeast("switched", switched, 0);
        for (int r = 0; r < amplitude.length; r++) {
            if (!Double.isFinite(amplitude[r])) {
                throw sweep.bad(r, "write_amplitude_volts " + amplitude[r] + " is not a finite number");
            }
            if (switched[r] > pulses[r]) {
                throw sweep.bad(r, "switched " + switched[r] + " exceeds pulses " + pulses[r]);
            }
        }
        if (fitted != null) {
            checkProbabilities(sweep, "fitted_probability", fitted);
        }
    }

    private static void checkProbabilities(CsvTable sweep, String name, double[] values) throws PlotInputException {
        for (int r = 0; r < values.length; r++) {
            if (!(values[r] >= 0 && values[r] <= 1)) {
                throw sweep.bad(r, name + " " + values[r] + " is not a probability between 0 and 1");
            }
        }
    }

    /** Positions (in an ascending array) of the first occurrence of each value: a curve needs distinct x. */
    private static int[] firstOfEachAmplitude(double[] sorted) {
        return IntStream.range(0, sorted.length)
                .filter(i -> i == 0 || sorted[i] != sorted[i - 1]).toArray();
    }

    private static double[] pickIndices(double[] values, int[] indices) {
        return Arrays.stream(indices).mapToDouble(i -> values[i]).toArray();
    }
}

package org.spinnoise.report;

import java.awt.Color;
import java.util.Arrays;

/**
 * resistance-histogram.png from levels.csv (+ threshold.csv): the reads binned, one colour per intended state
 * (0 parallel, 1 antiparallel, -1 unknown), the two fitted Gaussian components scaled to counts per bin, the
 * threshold line and the shaded guard band. Without threshold.csv the threshold comes from the manifest
 * (calibration.threshold_ohms) and each state's curve is a normal with the manifest's median and spread for it, when
 * the run has them; the legend says which.
 */
final class ResistanceHistogramPlot {
    static final String FILE = "resistance-histogram.png";
    static final String LEVELS = "levels.csv";
    static final String THRESHOLD = "threshold.csv";
    static final Color PARALLEL = Palette.BLUE;
    static final Color ANTIPARALLEL = Palette.ORANGE;
    static final Color UNKNOWN = Palette.GREY;
    static final Color THRESHOLD_LINE = Palette.RED;
    static final Color GUARD = Palette.translucent(Palette.RED, 45);
    /** More bins than this would be thinner than the pixels that draw them. */
    static final int MAX_BINS = 300;

    private ResistanceHistogramPlot() {
    }

    /** The state model drawn over the bars: threshold, guard band and one normal per state (NaN where unknown). */
    record States(double thresholdOhms, double guardLowOhms, double guardHighOhms, double parallelOhms,
                  double parallelSigmaOhms, double antiparallelOhms, double antiparallelSigmaOhms,
                  double parallelWeight, double readErrorRate, String source) {
    }

    static Figure figure(CsvTable levels, CsvTable threshold, ManifestFacts manifest) throws PlotInputException {
        levels.nonEmpty();
        double[] intended = levels.column("intended_bit");
        double[] ohms = levels.column("resistance_ohms");
        for (int r = 0; r < ohms.length; r++) {
            if (intended[r] != 0 && intended[r] != 1 && intended[r] != -1) {
                throw levels.bad(r, "intended_bit " + intended[r] + " must be 0, 1 or -1");
            }
            if (!(ohms[r] > 0) || !Double.isFinite(ohms[r])) {
                throw levels.bad(r, "resistance_ohms " + ohms[r] + " must be a positive finite number");
            }
        }
        States states = threshold != null ? fromCsv(threshold) : fromManifest(manifest);

        double[] range = Columns.range(ohms, new double[] {states.thresholdOhms(), states.guardLowOhms(),
                states.guardHighOhms()});
        double span = Math.max(range[1] - range[0], Math.abs(range[1]) * 1e-3);
        double binWidth = binWidth(ohms, states.thresholdOhms(), span);
        double start = range[0] - binWidth;
        int bins = (int) Math.ceil((range[1] - start) / binWidth) + 1;
        double[] left = new double[bins];
        double[] right = new double[bins];
        for (int b = 0; b < bins; b++) {
            left[b] = start + b * binWidth;
            right[b] = left[b] + binWidth;
        }
        double[][] counts = new double[3][bins];
        int[] perState = new int[3];
        for (int r = 0; r < ohms.length; r++) {
            int state = (int) intended[r] + 1;
            int b = (int) Math.floor((ohms[r] - start) / binWidth);
            counts[state][Math.max(0, Math.min(bins - 1, b))]++;
            perState[state]++;
        }
        // stacked: P at the bottom, AP on it, reads of unknown state on top
        int[] order = {1, 2, 0};
        double[][] stackBottom = new double[3][bins];
        double[][] stackTop = new double[3][bins];
        double highest = 1;
        for (int b = 0; b < bins; b++) {
            double level = 0;
            for (int s : order) {
                stackBottom[s][b] = level;
                level += counts[s][b];
                stackTop[s][b] = level;
            }
            highest = Math.max(highest, level);
        }
        highest = Math.max(highest, componentPeak(states, ohms.length, perState, binWidth));

        Axis x = Axis.linearOver("read resistance", "ohm", left[0], right[bins - 1], 0.02);
        Axis y = new Axis("reads per bin (" + SiFormat.value(binWidth, "ohm") + ")", "", 0, highest * 1.15, false);
        String title = "Resistance reads";
        if (states.parallelOhms() > 0 && states.antiparallelOhms() > 0) {
            title += String.format(java.util.Locale.ROOT, ": TMR %.1f %%",
                    100 * (states.antiparallelOhms() - states.parallelOhms()) / states.parallelOhms());
        }
        if (!Double.isNaN(states.readErrorRate())) {
            title += String.format(java.util.Locale.ROOT, ", read error rate %.2g", states.readErrorRate());
        }
        Chart chart = new Chart(title, x, y).legendAt(Chart.Corner.TOP_RIGHT);
        if (states.guardHighOhms() > states.guardLowOhms()) {
            chart.add(new Markers.VerticalSpan(states.guardLowOhms(), states.guardHighOhms(), GUARD,
                    "guard band " + SiFormat.precise(states.guardLowOhms(), "ohm") + " .. "
                            + SiFormat.precise(states.guardHighOhms(), "ohm") + " (reads ambiguous)"));
        }
        String[] names = {"reads at the operating point", "reads set to P (bit 0)", "reads set to AP (bit 1)"};
        Color[] colours = {UNKNOWN, PARALLEL, ANTIPARALLEL};
        for (int s : order) {
            if (perState[s] > 0) {
                chart.add(new Bars(left, right, stackBottom[s], stackTop[s], colours[s],
                        names[s] + " (" + perState[s] + ")"));
            }
        }
        addComponents(chart, states, ohms.length, perState, binWidth, x);
        if (!Double.isNaN(states.thresholdOhms())) {
            String text = "threshold " + SiFormat.precise(states.thresholdOhms(), "ohm");
            chart.add(new Markers.VerticalLine(states.thresholdOhms(), THRESHOLD_LINE, false, text,
                    text + " (" + states.source() + ")"));
        }
        return new Figure(Figure.WIDTH, Figure.HEIGHT).add(chart);
    }

    /** Reads each component stands for: a fitted mixture's weight of all reads, else the reads meant for its state. */
    private static double[] componentReads(States s, int reads, int[] perState) {
        boolean weighted = !Double.isNaN(s.parallelWeight());
        return weighted ? new double[] {reads * s.parallelWeight(), reads * (1 - s.parallelWeight())}
                : new double[] {perState[1], perState[2]};
    }

    /** The highest point of either component's curve, in reads per bin (0 when there is none). */
    private static double componentPeak(States s, int reads, int[] perState, double binWidth) {
        double[] n = componentReads(s, reads, perState);
        double peak = 0;
        if (s.parallelSigmaOhms() > 0) {
            peak = Math.max(peak, n[0] * binWidth / (s.parallelSigmaOhms() * Math.sqrt(2 * Math.PI)));
        }
        if (s.antiparallelSigmaOhms() > 0) {
            peak = Math.max(peak, n[1] * binWidth / (s.antiparallelSigmaOhms() * Math.sqrt(2 * Math.PI)));
        }
        return peak;
    }

    private static void addComponents(Chart chart, States s, int reads, int[] perState, double binWidth, Axis x) {
        double[] grid = Columns.evenly(x.min(), x.max(), 1200);
        boolean weighted = !Double.isNaN(s.parallelWeight());
        double[] n = componentReads(s, reads, perState);
        double parallelReads = n[0];
        double antiparallelReads = n[1];
        String how = weighted ? "fitted component" : "normal, manifest median and sigma";
        addNormal(chart, grid, s.parallelOhms(), s.parallelSigmaOhms(), parallelReads * binWidth,
                PARALLEL.darker(), "P " + how);
        addNormal(chart, grid, s.antiparallelOhms(), s.antiparallelSigmaOhms(), antiparallelReads * binWidth,
                ANTIPARALLEL.darker(), "AP " + how);
    }

    private static void addNormal(Chart chart, double[] grid, double mean, double sigma, double scale, Color colour,
                                  String label) {
        if (!(sigma > 0) || Double.isNaN(mean) || !(scale > 0)) {
            return;
        }
        double[] y = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double z = (grid[i] - mean) / sigma;
            y[i] = scale * Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
        }
        chart.add(new Series.Line(grid, y, colour, false, label + " " + SiFormat.value(mean, "ohm") + " ± "
                + SiFormat.value(sigma, "ohm")));
    }

    /**
     * The Freedman-Diaconis width of the narrower of the two groups of reads either side of the threshold (or of the
     * midpoint), so the narrow state still gets several bins when the states sit far apart; no more than
     * {@link #MAX_BINS} bins over the span.
     */
    static double binWidth(double[] ohms, double thresholdOhms, double span) {
        double[] range = Columns.range(ohms);
        double split = Double.isNaN(thresholdOhms) ? (range[0] + range[1]) / 2 : thresholdOhms;
        double[] below = Arrays.stream(ohms).filter(r -> r < split).sorted().toArray();
        double[] above = Arrays.stream(ohms).filter(r -> r >= split).sorted().toArray();
        double width = Double.POSITIVE_INFINITY;
        for (double[] group : new double[][] {below, above}) {
            if (group.length >= 4) {
                double iqr = group[group.length * 3 / 4] - group[group.length / 4];
                if (iqr > 0) {
                    width = Math.min(width, 2 * iqr / Math.cbrt(group.length));
                }
            }
        }
        if (!Double.isFinite(width)) {
            width = span / 40;
        }
        return Math.max(width, span / MAX_BINS);
    }

    private static States fromCsv(CsvTable t) throws PlotInputException {
        t.nonEmpty();
        if (t.size() != 1) {
            throw t.bad(1, "threshold.csv holds one row; this is a second");
        }
        double ohms = t.column("threshold_ohms")[0];
        if (!(ohms > 0)) {
            throw t.bad(0, "threshold_ohms " + ohms + " must be positive");
        }
        double guardLow = value(t, "guard_low_ohms", ohms);
        double guardHigh = value(t, "guard_high_ohms", ohms);
        if (!(guardLow <= ohms && ohms <= guardHigh)) {
            throw t.bad(0, "the guard band " + guardLow + " .. " + guardHigh + " ohm must enclose the threshold "
                    + ohms + " ohm");
        }
        double weight = value(t, "parallel_weight", Double.NaN);
        if (!Double.isNaN(weight) && !(weight >= 0 && weight <= 1)) {
            throw t.bad(0, "parallel_weight " + weight + " must be between 0 and 1");
        }
        return new States(ohms, guardLow, guardHigh, value(t, "parallel_ohms", Double.NaN),
                value(t, "parallel_sigma_ohms", Double.NaN), value(t, "antiparallel_ohms", Double.NaN),
                value(t, "antiparallel_sigma_ohms", Double.NaN), weight, value(t, "read_error_rate", Double.NaN),
                THRESHOLD);
    }

    private static double value(CsvTable t, String column, double absent) {
        double[] values = t.optional(column);
        return values == null ? absent : values[0];
    }

    private static States fromManifest(ManifestFacts m) {
        double ohms = m.thresholdOhms();
        return new States(ohms, ohms, ohms, m.level("parallel", "median_ohms"), m.level("parallel", "sigma_ohms"),
                m.level("antiparallel", "median_ohms"), m.level("antiparallel", "sigma_ohms"), Double.NaN,
                Double.NaN, "manifest.json");
    }
}

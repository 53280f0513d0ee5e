package org.spinnoise.report;

import java.awt.Color;

/**
 * width-map.png from width-map.csv (+ width-map-fit.csv): the switching fraction over pulse width (log scale) and
 * amplitude as a heat map, with the fitted V50 at each width and its confidence interval drawn over it.
 */
final class WidthMapPlot {
    static final String FILE = "width-map.png";
    static final String INPUT = "width-map.csv";
    static final String FIT = "width-map-fit.csv";
    /** Red stands out against every colour of the map. */
    static final Color V50 = Palette.RED;

    private WidthMapPlot() {
    }

    static Figure figure(CsvTable map, CsvTable fit) throws PlotInputException {
        FractionGrid grid = FractionGrid.read(map, "switched");
        double[] fitWidth = null;
        double[] v50 = null;
        double[] low = null;
        double[] high = null;
        if (fit != null) {
            fit.nonEmpty();
            fitWidth = fit.column("write_width_seconds");
            v50 = fit.column("v50_volts");
            low = fit.optional("v50_ci_low_volts");
            high = fit.optional("v50_ci_high_volts");
            for (int r = 0; r < fitWidth.length; r++) {
                if (!(fitWidth[r] > 0) || !Double.isFinite(v50[r])) {
                    throw fit.bad(r, "write_width_seconds must be positive and v50_volts finite, got "
                            + fitWidth[r] + ", " + v50[r]);
                }
                if (low != null && high != null && !(low[r] <= v50[r] && v50[r] <= high[r])) {
                    throw fit.bad(r, "the interval " + low[r] + " .. " + high[r] + " V must enclose v50_volts "
                            + v50[r]);
                }
            }
        }
        double[] xEdges = grid.widthEdges(true);
        double[] xRange = Columns.range(xEdges, fitWidth);
        double[] yRange = Columns.range(grid.amplitudeEdges(), low, high, v50);
        Axis x = Axis.logOver("write pulse width", "s", xRange[0], xRange[1], 1.0);
        Axis y = new Axis("write amplitude", "V", yRange[0], yRange[1], false);
        Chart chart = new Chart("Switching map: fraction over width and amplitude", x, y)
                .legendAt(Chart.Corner.TOP_RIGHT)
                .add(grid.heatMap("switching fraction"));
        if (v50 != null) {
            int[] rows = Columns.allRows(fitWidth);
            double[] xs = Columns.pick(fitWidth, rows);
            double[] ys = Columns.pick(v50, rows);
            boolean ci = low != null && high != null;
            chart.add(new Series.Line(xs, ys, V50, false, null));
            chart.add(new Series.Points(xs, ys, ci ? Columns.pick(low, rows) : null,
                    ci ? Columns.pick(high, rows) : null, V50, ci ? "fitted V50, 95 % interval" : "fitted V50"));
        }
        return new Figure(Figure.WIDTH, Figure.HEIGHT).add(chart);
    }
}

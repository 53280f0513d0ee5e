package org.spinnoise.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A grid of values drawn as coloured cells: cell (i, j) is centred on {@code x[i]}, {@code y[j]} and reaches halfway
 * to its neighbours (halfway in log space on a logarithmic axis). Values run through the colour map from
 * {@code low} to {@code high}; a NaN cell (no data) is left blank. The chart draws the colour bar beside it.
 */
record HeatMap(double[] x, double[] y, double[][] values, double low, double high, String valueName,
               String valueUnit) implements Layer {

    @Override
    public void draw(Graphics2D g, PlotArea area) {
        double[] xEdges = edges(x, area.x().log());
        double[] yEdges = edges(y, area.y().log());
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                double v = values[i][j];
                if (Double.isNaN(v)) {
                    continue;
                }
                double left = Math.floor(area.px(xEdges[i]));
                double right = Math.ceil(area.px(xEdges[i + 1]));
                double top = Math.floor(area.py(yEdges[j + 1]));
                double bottom = Math.ceil(area.py(yEdges[j]));
                g.setColor(Palette.map((v - low) / (high - low)));
                g.fill(new Rectangle2D.Double(left, top, right - left, bottom - top));
            }
        }
    }

    /** Cell edges for sorted distinct centres: midpoints between neighbours, half a gap beyond the ends. */
    static double[] edges(double[] centres, boolean log) {
        int n = centres.length;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = log ? Math.log10(centres[i]) : centres[i];
        }
        double[] e = new double[n + 1];
        if (n == 1) {
            double half = log ? 0.1 : (c[0] == 0 ? 0.5 : Math.abs(c[0]) * 0.05);
            e[0] = c[0] - half;
            e[1] = c[0] + half;
        } else {
            for (int i = 1; i < n; i++) {
                e[i] = (c[i - 1] + c[i]) / 2;
            }
            e[0] = c[0] - (c[1] - c[0]) / 2;
            e[n] = c[n - 1] + (c[n - 1] - c[n - 2]) / 2;
        }
        if (log) {
            for (int i = 0; i <= n; i++) {
                e[i] = Math.pow(10, e[i]);
            }
        }
        return e;
    }
}

package org.spinnoise.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/** Data series: a line through points, points with vertical error bars, and a shaded band between two curves. */
final class Series {
    private Series() {
    }

    /** A polyline through (x, y) in the order given; NaN values break it. */
    record Line(double[] x, double[] y, Color color, boolean dashed, String label) implements Layer {
        @Override
        public void draw(Graphics2D g, PlotArea area) {
            g.setColor(color);
            g.setStroke(dashed ? Palette.DASHED : Palette.LINE);
            Path2D.Double path = new Path2D.Double();
            boolean open = false;
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                    open = false;
                    continue;
                }
                if (open) {
                    path.lineTo(area.px(x[i]), area.py(y[i]));
                } else {
                    path.moveTo(area.px(x[i]), area.py(y[i]));
                    open = true;
                }
            }
            g.draw(path);
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, dashed ? Swatch.DASHED : Swatch.LINE);
        }
    }

    /** Points with error bars from {@code low} to {@code high} (both null for none); NaN points are left out. */
    record Points(double[] x, double[] y, double[] low, double[] high, Color color, String label) implements Layer {
        static final double RADIUS = 3.5;

        @Override
        public void draw(Graphics2D g, PlotArea area) {
            g.setColor(color);
            g.setStroke(Palette.THIN);
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                    continue; // e.g. a sweep point that got no pulses
                }
                double px = area.px(x[i]);
                if (low != null && high != null) {
                    double top = area.py(high[i]);
                    double bottom = area.py(low[i]);
                    g.draw(new Line2D.Double(px, top, px, bottom));
                    g.draw(new Line2D.Double(px - 3, top, px + 3, top));
                    g.draw(new Line2D.Double(px - 3, bottom, px + 3, bottom));
                }
                g.fill(new Ellipse2D.Double(px - RADIUS, area.py(y[i]) - RADIUS, 2 * RADIUS, 2 * RADIUS));
            }
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, Swatch.POINT);
        }
    }

    /** The region between {@code low} and {@code high} over x (in increasing x), filled translucent. */
    record Band(double[] x, double[] low, double[] high, Color color, String label) implements Layer {
        @Override
        public void draw(Graphics2D g, PlotArea area) {
            if (x.length < 2) {
                return;
            }
            Path2D.Double path = new Path2D.Double();
            path.moveTo(area.px(x[0]), area.py(high[0]));
            for (int i = 1; i < x.length; i++) {
                path.lineTo(area.px(x[i]), area.py(high[i]));
            }
            for (int i = x.length - 1; i >= 0; i--) {
                path.lineTo(area.px(x[i]), area.py(low[i]));
            }
            path.closePath();
            g.setColor(color);
            g.fill(path);
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, Swatch.FILL);
        }
    }
}

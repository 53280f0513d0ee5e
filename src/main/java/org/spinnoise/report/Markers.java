package org.spinnoise.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** Reference marks: vertical and horizontal lines with a text label, and a shaded span of x values. */
final class Markers {
    private Markers() {
    }

    /**
     * A vertical line at {@code x}, its label written beside it near the bottom of the plot area, clear of the legends,
     * which sit at the top.
     */
    record VerticalLine(double x, Color color, boolean dashed, String text, String label) implements Layer {
        @Override
        public void draw(Graphics2D g, PlotArea area) {
            // whole pixel columns, so the line is its own colour rather than blended across two columns
            int px = (int) Math.round(area.px(x));
            Rectangle b = area.bounds();
            g.setColor(color);
            g.setStroke(dashed ? Palette.DASHED : Palette.LINE);
            g.draw(new Line2D.Double(px, b.y, px, b.y + b.height));
            if (text != null) {
                g.setFont(Palette.TICK);
                FontMetrics fm = g.getFontMetrics();
                int w = fm.stringWidth(text);
                int tx = px + 5 + w > b.x + b.width ? px - 5 - w : px + 5;
                Chart.textOnWhite(g, text, tx, b.y + b.height - 8, color);
            }
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, dashed ? Swatch.DASHED : Swatch.LINE);
        }
    }

    /** A horizontal line at {@code y}, its label written above it near the right end. */
    record HorizontalLine(double y, Color color, boolean dashed, String text, String label) implements Layer {
        @Override
        public void draw(Graphics2D g, PlotArea area) {
            int py = (int) Math.round(area.py(y));
            Rectangle b = area.bounds();
            g.setColor(color);
            g.setStroke(dashed ? Palette.DASHED : Palette.LINE);
            g.draw(new Line2D.Double(b.x, py, b.x + b.width, py));
            if (text != null) {
                g.setFont(Palette.TICK);
                int w = g.getFontMetrics().stringWidth(text);
                Chart.textOnWhite(g, text, b.x + b.width - w - 6, py - 5, color);
            }
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, dashed ? Swatch.DASHED : Swatch.LINE);
        }
    }

    /** The x values from {@code from} to {@code to}, shaded over the whole height of the plot area. */
    record VerticalSpan(double from, double to, Color color, String label) implements Layer {
        @Override
        public void draw(Graphics2D g, PlotArea area) {
            double left = Math.min(area.px(from), area.px(to));
            double right = Math.max(area.px(from), area.px(to));
            Rectangle b = area.bounds();
            g.setColor(color);
            g.fill(new Rectangle2D.Double(left, b.y, Math.max(1, right - left), b.height));
        }

        @Override
        public LegendEntry legend() {
            return label == null ? null : new LegendEntry(label, color, Swatch.FILL);
        }
    }
}

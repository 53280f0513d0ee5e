package org.spinnoise.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * Histogram bars: bar i spans {@code left[i] .. right[i]} in x and {@code bottom[i] .. top[i]} in y (bottom above 0
 * when bars are stacked on others).
 */
record Bars(double[] left, double[] right, double[] bottom, double[] top, Color color, String label) implements Layer {
    @Override
    public void draw(Graphics2D g, PlotArea area) {
        for (int i = 0; i < top.length; i++) {
            if (top[i] <= bottom[i]) {
                continue;
            }
            double x0 = area.px(left[i]);
            double x1 = area.px(right[i]);
            double top = area.py(this.top[i]);
            double base = area.py(bottom[i]);
            Rectangle2D.Double bar = new Rectangle2D.Double(x0, top, Math.max(1, x1 - x0), base - top);
            g.setColor(Palette.translucent(color, 170));
            g.fill(bar);
            g.setColor(color.darker());
            g.setStroke(Palette.THIN);
            g.draw(bar);
        }
    }

    @Override
    public LegendEntry legend() {
        return label == null ? null : new LegendEntry(label, color, Swatch.FILL);
    }
}

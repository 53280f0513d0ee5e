package org.spinnoise.report;

import java.awt.Color;
import java.awt.Graphics2D;

/** Words at data points, centred on each x and {@code raisePixels} above each y (below when negative). */
record Labels(double[] x, double[] y, String[] text, Color color, int raisePixels) implements Layer {
    @Override
    public void draw(Graphics2D g, PlotArea area) {
        g.setFont(Palette.TICK);
        for (int i = 0; i < x.length; i++) {
            int w = g.getFontMetrics().stringWidth(text[i]);
            Chart.textOnWhite(g, text[i], (int) Math.round(area.px(x[i]) - w / 2.0),
                    (int) Math.round(area.py(y[i])) - raisePixels, color);
        }
    }
}

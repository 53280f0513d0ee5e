package org.spinnoise.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart: a title, two axes with grid lines, tick labels and titles, the layers drawn inside the plot area in the
 * order added, a legend of the layers that have one, and a colour bar when a layer is a {@link HeatMap}.
 */
final class Chart {
    /** Where the legend sits inside the plot area. */
    enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    private static final int TOP = 34;
    private static final int BOTTOM = 48;
    private static final int RIGHT = 24;
    private static final int COLOUR_BAR = 96;

    private String title;
    private final Axis x;
    private final Axis y;
    private final List<Layer> layers = new ArrayList<>();
    private Corner legendCorner = Corner.TOP_LEFT;
    private String[] xCategories;

    Chart(String title, Axis x, Axis y) {
        this.title = title;
        this.x = x;
        this.y = y;
    }

    Chart add(Layer layer) {
        layers.add(layer);
        return this;
    }

    /** Adds words to the title, e.g. which junction of an array the chart shows. */
    Chart titleSuffix(String suffix) {
        title = title + suffix;
        return this;
    }

    /** Names x = 1, 2, ... instead of numbering the x axis: a chart of categories, e.g. steps of a run. */
    Chart xCategories(String... names) {
        this.xCategories = names.clone();
        return this;
    }

    Chart legendAt(Corner corner) {
        this.legendCorner = corner;
        return this;
    }

    /** The plot area this chart would use inside {@code bounds} (tests look up where data land). */
    PlotArea area(Graphics2D g, Rectangle bounds) {
        g.setFont(Palette.TICK);
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        for (String label : y.labels(y.ticks(6))) {
            widest = Math.max(widest, fm.stringWidth(label));
        }
        int left = widest + 34;
        int right = RIGHT + (heatMap() == null ? 0 : COLOUR_BAR);
        Rectangle plot = new Rectangle(bounds.x + left, bounds.y + TOP, bounds.width - left - right,
                bounds.height - TOP - BOTTOM);
        return new PlotArea(plot, x, y);
    }

    void draw(Graphics2D g, Rectangle bounds) {
        PlotArea area = area(g, bounds);
        Rectangle plot = area.bounds();
        List<Double> xTicks = x.ticks(7);
        if (xCategories != null) {
            xTicks = new ArrayList<>();
            for (int i = 1; i <= xCategories.length; i++) {
                xTicks.add((double) i);
            }
        }
        List<Double> yTicks = y.ticks(6);

        g.setStroke(Palette.THIN);
        g.setColor(Palette.GRID);
        for (double t : xTicks) {
            int px = (int) Math.round(area.px(t));
            g.drawLine(px, plot.y, px, plot.y + plot.height);
        }
        for (double t : yTicks) {
            int py = (int) Math.round(area.py(t));
            g.drawLine(plot.x, py, plot.x + plot.width, py);
        }

        Shape clip = g.getClip();
        g.clip(plot);
        for (Layer layer : layers) {
            layer.draw(g, area);
        }
        g.setClip(clip);

        g.setStroke(Palette.THIN);
        g.setColor(Palette.BLACK);
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
        g.setFont(Palette.TICK);
        FontMetrics fm = g.getFontMetrics();
        String[] xLabels = xCategories != null ? xCategories : x.labels(xTicks);
        for (int i = 0; i < xTicks.size(); i++) {
            int px = (int) Math.round(area.px(xTicks.get(i)));
            g.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 4);
            g.drawString(xLabels[i], px - fm.stringWidth(xLabels[i]) / 2, plot.y + plot.height + 6 + fm.getAscent());
        }
        String[] yLabels = y.labels(yTicks);
        for (int i = 0; i < yTicks.size(); i++) {
            int py = (int) Math.round(area.py(yTicks.get(i)));
            g.drawLine(plot.x - 4, py, plot.x, py);
            g.drawString(yLabels[i], plot.x - 7 - fm.stringWidth(yLabels[i]), py + fm.getAscent() / 2 - 1);
        }

        g.setFont(Palette.LABEL);
        fm = g.getFontMetrics();
        String xTitle = x.title();
        g.drawString(xTitle, plot.x + (plot.width - fm.stringWidth(xTitle)) / 2, bounds.y + bounds.height - 8);
        drawVertical(g, y.title(), bounds.x + 4 + fm.getAscent(), plot.y + plot.height / 2);
        g.setFont(Palette.TITLE);
        fm = g.getFontMetrics();
        g.drawString(title, plot.x + (plot.width - fm.stringWidth(title)) / 2, bounds.y + 22);

        drawLegend(g, plot);
        HeatMap map = heatMap();
        if (map != null) {
            drawColourBar(g, map, plot);
        }
    }

    private HeatMap heatMap() {
        for (Layer layer : layers) {
            if (layer instanceof HeatMap map) {
                return map;
            }
        }
        return null;
    }

    private void drawLegend(Graphics2D g, Rectangle plot) {
        List<Layer.LegendEntry> entries = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.legend() != null) {
                entries.add(layer.legend());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        g.setFont(Palette.TICK);
        FontMetrics fm = g.getFontMetrics();
        int row = 17;
        int textWidth = 0;
        for (Layer.LegendEntry e : entries) {
            textWidth = Math.max(textWidth, fm.stringWidth(e.label()));
        }
        int w = textWidth + 44;
        int h = entries.size() * row + 8;
        boolean left = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.BOTTOM_LEFT;
        boolean top = legendCorner == Corner.TOP_LEFT || legendCorner == Corner.TOP_RIGHT;
        int bx = left ? plot.x + 8 : plot.x + plot.width - w - 8;
        int by = top ? plot.y + 8 : plot.y + plot.height - h - 8;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(bx, by, w, h);
        g.setColor(Palette.GREY);
        g.setStroke(Palette.THIN);
        g.drawRect(bx, by, w, h);
        for (int i = 0; i < entries.size(); i++) {
            Layer.LegendEntry e = entries.get(i);
            int cy = by + 4 + i * row + row / 2;
            int sx = bx + 8;
            switch (e.swatch()) {
                case LINE, DASHED -> {
                    g.setColor(e.color());
                    g.setStroke(e.swatch() == Layer.Swatch.DASHED ? Palette.DASHED : Palette.LINE);
                    g.draw(new Line2D.Double(sx, cy, sx + 24, cy));
                }
                case POINT -> {
                    g.setColor(e.color());
                    g.fillOval(sx + 8, cy - 4, 8, 8);
                }
                case FILL -> {
                    g.setColor(e.color());
                    g.fill(new Rectangle2D.Double(sx, cy - 6, 24, 12));
                }
            }
            g.setColor(Palette.BLACK);
            g.drawString(e.label(), sx + 30, cy + fm.getAscent() / 2 - 1);
        }
    }

    private void drawColourBar(Graphics2D g, HeatMap map, Rectangle plot) {
        int bx = plot.x + plot.width + 16;
        int bw = 16;
        for (int py = 0; py < plot.height; py++) {
            g.setColor(Palette.map(1 - (double) py / Math.max(1, plot.height - 1)));
            g.fillRect(bx, plot.y + py, bw, 1);
        }
        g.setColor(Palette.BLACK);
        g.setStroke(Palette.THIN);
        g.drawRect(bx, plot.y, bw, plot.height);
        Axis scale = new Axis(map.valueName(), map.valueUnit(), map.low(), map.high(), false);
        List<Double> ticks = scale.ticks(5);
        String[] labels = scale.labels(ticks);
        g.setFont(Palette.TICK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < ticks.size(); i++) {
            int py = (int) Math.round(plot.y + plot.height - scale.fraction(ticks.get(i)) * plot.height);
            g.drawLine(bx + bw, py, bx + bw + 4, py);
            g.drawString(labels[i], bx + bw + 7, py + fm.getAscent() / 2 - 1);
        }
        g.setFont(Palette.LABEL);
        drawVertical(g, scale.title(), bx + bw + 66, plot.y + plot.height / 2);
    }

    /** Text turned a quarter left (reading upward), centred on {@code (cx, cy)}. */
    private static void drawVertical(Graphics2D g, String text, int cx, int cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -g.getFontMetrics().stringWidth(text) / 2, 0);
        g.setTransform(saved);
    }

    /** Text in {@code color} on a white patch, so it stays readable over grid lines and data. */
    static void textOnWhite(Graphics2D g, String text, int x, int baseline, Color color) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(255, 255, 255, 215));
        g.fillRect(x - 2, baseline - fm.getAscent(), fm.stringWidth(text) + 4, fm.getAscent() + fm.getDescent());
        g.setColor(color);
        g.drawString(text, x, baseline);
    }
}

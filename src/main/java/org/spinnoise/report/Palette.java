package org.spinnoise.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/**
 * The colours, strokes and fonts every plot shares: distinct series colours (the widely used "tab10" set, readable
 * by most colour-blind viewers in its first four) and a perceptually ordered colour map for heat maps.
 */
final class Palette {
    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color RED = new Color(0xd62728);
    static final Color PURPLE = new Color(0x9467bd);
    static final Color BROWN = new Color(0x8c564b);
    static final Color GREY = new Color(0x7f7f7f);
    static final Color BLACK = new Color(0x202020);
    static final Color GRID = new Color(0xe4e4e4);
    static final Color BACKGROUND = Color.WHITE;

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static final Stroke THIN = new BasicStroke(1f);
    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 5f}, 0f);

    private static final Color[] SERIES = {BLUE, ORANGE, GREEN, RED, PURPLE, BROWN};
    /** Viridis at nine evenly spaced stops (dark blue, low, to yellow, high); colours between are interpolated. */
    private static final int[] MAP_STOPS = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
            0xaddc30, 0xfde725};

    private Palette() {
    }

    /** The n-th series colour, cycling. */
    static Color series(int n) {
        return SERIES[Math.floorMod(n, SERIES.length)];
    }

    /** A colour with the given opacity (0 .. 255). */
    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** The colour map at {@code fraction} (0 .. 1, clamped). */
    static Color map(double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        double pos = f * (MAP_STOPS.length - 1);
        int i = Math.min(MAP_STOPS.length - 2, (int) Math.floor(pos));
        double t = pos - i;
        Color a = new Color(MAP_STOPS[i]);
        Color b = new Color(MAP_STOPS[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), t), mix(a.getGreen(), b.getGreen(), t),
                mix(a.getBlue(), b.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}

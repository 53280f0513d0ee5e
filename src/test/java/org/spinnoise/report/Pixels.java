package org.spinnoise.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Looks for colours in a rendered plot, for tests that check data landed where they should. */
final class Pixels {
    private Pixels() {
    }

    static boolean close(int rgb, Color colour, int tolerance) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - colour.getRed()) <= tolerance
                && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance;
    }

    /** Whether a pixel within {@code radius} of (x, y) is within {@code tolerance} of {@code colour} in each channel. */
    static boolean near(BufferedImage image, double x, double y, int radius, Color colour, int tolerance) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int px = cx + dx;
                int py = cy + dy;
                if (px >= 0 && py >= 0 && px < image.getWidth() && py < image.getHeight()
                        && close(image.getRGB(px, py), colour, tolerance)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Pixels of column {@code x} between rows {@code top} and {@code bottom} that are exactly {@code colour}. */
    static int exactInColumn(BufferedImage image, int x, int top, int bottom, Color colour) {
        int n = 0;
        for (int y = top; y <= bottom; y++) {
            n += (image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff) ? 1 : 0;
        }
        return n;
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    static double nonWhiteFraction(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        return (double) n / ((long) image.getWidth() * image.getHeight());
    }
}

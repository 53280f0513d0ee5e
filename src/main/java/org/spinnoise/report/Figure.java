package org.spinnoise.report;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A picture of one or more charts stacked top to bottom, rendered off screen (no display needed) and written as PNG.
 * The same charts give the same bytes: nothing in the drawing or the PNG depends on the time or the machine's screen.
 */
final class Figure {
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private final int width;
    private final int height;
    private final List<Chart> charts = new ArrayList<>();

    Figure(int width, int height) {
        this.width = width;
        this.height = height;
    }

    Figure add(Chart chart) {
        charts.add(chart);
        return this;
    }

    /** Adds words to every chart's title. */
    Figure titleSuffix(String suffix) {
        charts.forEach(c -> c.titleSuffix(suffix));
        return this;
    }

    /** The bounds of chart {@code index}: the charts share the height equally. */
    Rectangle bounds(int index) {
        int each = height / charts.size();
        return new Rectangle(0, index * each, width, each);
    }

    /** Where chart {@code index} draws its data (tests use it to find the pixels of a data point). */
    PlotArea area(int index) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(scratch);
        try {
            return charts.get(index).area(g, bounds(index));
        } finally {
            g.dispose();
        }
    }

    BufferedImage render() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            g.setColor(Palette.BACKGROUND);
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < charts.size(); i++) {
                charts.get(i).draw(g, bounds(i));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A graphics context with the hints every plot is drawn with (tests use it to find where data land). */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        return g;
    }

    /** Renders and writes the PNG, replacing any earlier file of that name; returns {@code png}. */
    Path writePng(Path png) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(render(), "png", bytes)) {
            throw new IOException("no PNG writer available to write " + png);
        }
        Files.write(png, bytes.toByteArray());
        return png;
    }
}

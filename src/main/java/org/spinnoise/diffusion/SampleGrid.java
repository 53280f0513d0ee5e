package org.spinnoise.diffusion;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Lays a batch of images out as one picture, row by row, with a gap between tiles, each tile enlarged by an integer
 * factor (nearest neighbour, so every model pixel stays a visible square). Values −1 … 1 become grey levels 0 … 255,
 * clamped; one channel gives a grey PNG, three give colour.
 */
public final class SampleGrid {
    private static final int GAP_GREY = 64;

    private SampleGrid() {
    }

    /** The grid as an image; {@code columns} tiles per row, {@code scale} screen pixels per model pixel. */
    public static BufferedImage render(float[] images, int batch, ImageShape shape, int columns, int scale, int gapPixels) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("a sample grid shows 1- or 3-channel images, not " + shape);
        }
        if (batch < 1 || columns < 1 || scale < 1 || gapPixels < 0) {
            throw new IllegalArgumentException("sample grid needs a batch, columns and scale of at least 1 and a gap of 0 or more");
        }
        int rows = (batch + columns - 1) / columns;
        int cols = Math.min(columns, batch);
        int tileW = shape.width() * scale;
        int tileH = shape.height() * scale;
        int width = cols * tileW + (cols + 1) * gapPixels;
        int height = rows * tileH + (rows + 1) * gapPixels;
        BufferedImage out = new BufferedImage(width, height, shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        // Samples go into the raster directly: setRGB on a grey image would pass them through a colour conversion.
        WritableRaster raster = out.getRaster();
        int bands = raster.getNumBands();
        int[] pixel = new int[bands];
        Arrays.fill(pixel, GAP_GREY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, pixel);
            }
        }
        int plane = shape.height() * shape.width();
        for (int b = 0; b < batch; b++) {
            int left = gapPixels + (b % columns) * (tileW + gapPixels);
            int top = gapPixels + (b / columns) * (tileH + gapPixels);
            int base = b * shape.values();
            for (int r = 0; r < shape.height(); r++) {
                for (int c = 0; c < shape.width(); c++) {
                    int p = base + r * shape.width() + c;
                    for (int band = 0; band < bands; band++) {
                        pixel[band] = level(images[p + band * plane]);
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setPixel(left + c * scale + dx, top + r * scale + dy, pixel);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Writes the grid as a PNG file, creating its folder. */
    public static void writePng(float[] images, int batch, ImageShape shape, int columns, int scale, Path png) throws IOException {
        BufferedImage image = render(images, batch, shape, columns, scale, 2);
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available to write " + png);
        }
    }

    /** Grey level of a model value: −1 → 0, 1 → 255, rounded and clamped. */
    static int level(float value) {
        long v = Math.round((value + 1.0) * 127.5);
        return (int) Math.max(0, Math.min(255, v));
    }
}

package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    @TempDir
    Path dir;

    @Test
    void greyLevelsMapMinusOneToBlackAndOneToWhiteClamped() {
        assertEquals(0, SampleGrid.level(-1f));
        assertEquals(0, SampleGrid.level(-3f));
        assertEquals(255, SampleGrid.level(1f));
        assertEquals(255, SampleGrid.level(7f));
        assertEquals(128, SampleGrid.level(0f));
    }

    @Test
    void aGreyGridPngHoldsEachImageInItsTileEnlarged() throws IOException {
        ImageShape shape = new ImageShape(1, 2, 3);
        int batch = 5;
        float[] images = new float[shape.values(batch)];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < shape.values(); p++) {
                images[b * shape.values() + p] = -1f + 0.1f * b + 0.05f * p;
            }
        }
        Path png = dir.resolve("grids/samples.png");
        SampleGrid.writePng(images, batch, shape, 3, 4, png);
        BufferedImage read = ImageIO.read(png.toFile());
        // 3 columns of 12-pixel tiles and 2 rows of 8-pixel tiles, with 2-pixel gaps around and between them.
        assertEquals(3 * 12 + 4 * 2, read.getWidth());
        assertEquals(2 * 8 + 3 * 2, read.getHeight());
        for (int b = 0; b < batch; b++) {
            int left = 2 + (b % 3) * 14;
            int top = 2 + (b / 3) * 10;
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    int expected = SampleGrid.level(images[b * 6 + r * 3 + c]);
                    assertEquals(expected, read.getRaster().getSample(left + c * 4 + 3, top + r * 4 + 3, 0), "image " + b);
                    assertEquals(expected, read.getRaster().getSample(left + c * 4, top + r * 4, 0), "image " + b);
                }
            }
        }
        assertEquals(64, read.getRaster().getSample(0, 0, 0));
        assertEquals(64, read.getRaster().getSample(read.getWidth() - 1, read.getHeight() - 1, 0), "empty sixth tile");
    }

    @Test
    void aColourGridTakesTheThreePlanesAsRedGreenBlue() {
        ImageShape shape = new ImageShape(3, 1, 1);
        BufferedImage image = SampleGrid.render(new float[] {1f, -1f, 0f}, 1, shape, 1, 1, 0);
        assertEquals((255 << 16) | 128, image.getRGB(0, 0) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.render(new float[2], 1, new ImageShape(2, 1, 1), 1, 1, 0));
    }
}

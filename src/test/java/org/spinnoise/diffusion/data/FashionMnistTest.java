package org.spinnoise.diffusion.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.testing.FashionMnistData;

class FashionMnistTest {
    @TempDir
    Path dir;

    /** IDX bytes: header as the format defines it, then the elements. */
    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    static void writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void readsGzipAndPlainIdxFilesWithBigEndianDimensions() throws IOException {
        byte[] data = new byte[2 * 3 * 300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        byte[] content = idx(0x08, new int[] {2, 3, 300}, data);
        assertEquals(0x01, content[content.length - data.length - 2] & 0xff, "300 = 0x0000012c is stored big-endian");
        writeGzip(dir.resolve("a.gz"), content);
        Files.write(dir.resolve("a.idx"), content);
        for (String name : new String[] {"a.gz", "a.idx"}) {
            IdxFile f = IdxFile.read(dir.resolve(name));
            assertArrayEquals(new int[] {2, 3, 300}, f.dims());
            assertArrayEquals(data, f.data());
            assertEquals(900, f.entrySize());
        }
    }

    @Test
    void damagedIdxFilesAreRefusedNamingTheFileAndTheFault() throws IOException {
        Path wrongType = dir.resolve("float.idx");
        Files.write(wrongType, idx(0x0D, new int[] {1}, new byte[4]));
        assertMessage(wrongType, "element type 0x0d");
        Path notIdx = dir.resolve("text.idx");
        Files.writeString(notIdx, "hello world, not an idx file");
        assertMessage(notIdx, "not an IDX file");
        Path truncated = dir.resolve("short.gz");
        byte[] full = idx(0x08, new int[] {10, 4}, new byte[40]);
        writeGzip(truncated, Arrays.copyOf(full, full.length - 5));
        assertMessage(truncated, "truncated");
        Path trailing = dir.resolve("long.idx");
        Files.write(trailing, idx(0x08, new int[] {3}, new byte[4]));
        assertMessage(trailing, "bytes after");
        assertMessage(dir.resolve("absent.idx"), "does not exist");
    }

    private static void assertMessage(Path file, String part) {
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFile.read(file));
        assertTrue(e.getMessage().contains(part) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void loadsASplitFromAFolderOfIdxFilesAndScalesPixelsToPlusMinusOne() throws IOException {
        int count = 4;
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        writeGzip(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x08, new int[] {count, 28, 28}, pixels));
        writeGzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(0x08, new int[] {count}, new byte[] {9, 0, 3, 7}));
        LabelledImages test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        assertEquals(count, test.count());
        assertEquals(FashionMnist.SHAPE, test.shape());
        assertEquals(9, test.label(0));
        assertEquals("Ankle boot", FashionMnist.CLASSES.get(test.label(0)));
        assertEquals(255, test.pixel(0, 255));
        assertEquals(784 % 256, test.pixel(1, 0));
        float[] scaled = new float[784];
        test.copyScaled(0, scaled, 0);
        assertEquals(-1f, scaled[0]);
        assertEquals(1f, scaled[255], 1e-6);
        assertEquals(2f * 128 / 255 - 1, scaled[128], 1e-6);
    }

    @Test
    void missingFilesOrMismatchedLabelsSayWhatToDo() throws IOException {
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist") && e.getMessage().contains("--data DIR")
                && e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        writeGzip(dir.resolve("train-images-idx3-ubyte.gz"), idx(0x08, new int[] {2, 28, 28}, new byte[2 * 784]));
        writeGzip(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x08, new int[] {3}, new byte[3]));
        e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("one label for each of the 2 images"), e.getMessage());
        writeGzip(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x08, new int[] {2}, new byte[] {1, 10}));
        e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("label 10 of image 1"), e.getMessage());
        writeGzip(dir.resolve("train-images-idx3-ubyte.gz"), idx(0x08, new int[] {2, 32, 32}, new byte[2 * 1024]));
        e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir, FashionMnist.Split.TRAIN));
        assertTrue(e.getMessage().contains("N×28×28"), e.getMessage());
    }

    @Test
    void theInstalledDataSetHasItsPublishedCountsClassesAndMeanIntensity() throws IOException {
        FashionMnistData.assumeInstalled();
        LabelledImages train = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TRAIN);
        LabelledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        assertEquals(784, train.shape().values());
        int[] perClass = new int[10];
        for (int i = 0; i < train.count(); i++) {
            perClass[train.label(i)]++;
        }
        int[] expected = new int[10];
        Arrays.fill(expected, 6_000);
        assertArrayEquals(expected, perClass, "the training set is balanced, 6000 images per class");
        long sum = 0;
        for (byte p : train.pixels()) {
            sum += p & 0xff;
        }
        // The mean training-set intensity that normalisation recipes for Fashion-MNIST quote: 0.2860.
        assertEquals(0.2860, sum / 255.0 / train.pixels().length, 5e-4);
    }
}

package org.spinnoise.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Small Fashion-MNIST-shaped IDX files for command tests: class k is an image of uniform grey level 25k, with noise. */
final class StandInFashionMnist {
    private StandInFashionMnist() {
    }

    static Path write(Path dir, int trainCount, int testCount) throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        for (String split : new String[] {"train", "t10k"}) {
            int count = split.equals("train") ? trainCount : testCount;
            byte[] pixels = new byte[count * 784];
            byte[] labels = new byte[count];
            for (int n = 0; n < count; n++) {
                labels[n] = (byte) (n % 10);
                for (int p = 0; p < 784; p++) {
                    pixels[n * 784 + p] = (byte) (25 * (n % 10) + random.nextInt(10));
                }
            }
            writeIdx(dir.resolve(split + "-images-idx3-ubyte.gz"), new int[] {count, 28, 28}, pixels);
            writeIdx(dir.resolve(split + "-labels-idx1-ubyte.gz"), new int[] {count}, labels);
        }
        return dir;
    }

    private static void writeIdx(Path file, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(bytes.toByteArray());
        }
    }
}

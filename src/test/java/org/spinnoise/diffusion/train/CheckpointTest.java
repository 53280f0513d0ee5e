package org.spinnoise.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Checkpoint sample() {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        float[] big = new float[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i) * 1e-3f;
        }
        arrays.put("parameters", big);
        arrays.put("ema", new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE, Float.NaN});
        arrays.put("empty", new float[0]);
        return Checkpoint.of("spinnoise train --steps 10", 42, 10, 0.125, "linear(T=1000)", Map.of("model.channels", "32"), arrays);
    }

    @Test
    void writesAndReadsBackEveryValueAndTheHeader() throws IOException {
        Path file = dir.resolve("sub/ckpt.bin");
        Checkpoint written = sample();
        written.write(file);
        assertFalse(Files.exists(dir.resolve("sub/ckpt.bin.tmp")));
        Checkpoint read = Checkpoint.read(file);
        assertEquals(written.header(), read.header());
        assertEquals("spinnoise train --steps 10", read.header().command());
        assertEquals(42, read.header().seed());
        assertEquals(10, read.header().step());
        assertEquals("32", read.header().settings().get("model.channels"));
        assertEquals(java.util.List.of("parameters", "ema", "empty"), java.util.List.copyOf(read.arrays().keySet()));
        for (String name : written.arrays().keySet()) {
            assertArrayEquals(written.arrays().get(name), read.array(name, file), name);
        }
        assertEquals(8 + 4 + 32 + 4 * (40_000 + 4), Files.size(file) - headerBytes(file));
        CheckpointException e = assertThrows(CheckpointException.class, () -> read.array("adam.m", file));
        assertTrue(e.getMessage().contains("no array 'adam.m'"), e.getMessage());
    }

    private static int headerBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return ((all[8] & 0xff) << 24) | ((all[9] & 0xff) << 16) | ((all[10] & 0xff) << 8) | (all[11] & 0xff);
    }

    @Test
    void aFlippedBitAnywhereIsCaughtByTheChecksum() throws IOException {
        Path file = dir.resolve("ckpt.bin");
        sample().write(file);
        byte[] good = Files.readAllBytes(file);
        for (int position : new int[] {20, good.length / 2, good.length - 1}) {
            byte[] bad = good.clone();
            bad[position] ^= 0x10;
            Files.write(file, bad);
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
            assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(file.toString()), e.getMessage());
        }
        Files.write(file, Arrays.copyOf(good, good.length - 100));
        assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
    }

    @Test
    void foreignOrMissingFilesAreRefusedByName() throws IOException {
        Path file = dir.resolve("weights.npy");
        Files.write(file, new byte[100]);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains("not a spinnoise checkpoint"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("none.bin")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}

package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw bits file split into one part per seed: parts never overlap, padding is never used, overruns are errors. */
class RawBitsNoiseTest {
    @TempDir
    Path dir;

    @Test
    void eachSeedReadsItsOwnPartOfTheAcquiredBytes() throws Exception {
        byte[] bytes = new byte[101];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("bits.bin"), bytes);
        // 804 bits: 100 whole bytes and 4 bits of padding in the last; 3 parts of 33 bytes
        RawBitsNoise raw = RawBitsNoise.split(file, 804, 3);
        assertEquals(33, raw.bytesPerPart());
        for (int part = 1; part <= 3; part++) {
            byte[] got = new byte[33];
            try (NoiseSource source = raw.open(part)) {
                source.fillBytes(got, 0, got.length);
                assertEquals(33 * Byte.SIZE, source.account().hardwareBits());
                assertThrows(NoiseExhaustedException.class, () -> source.fillBytes(new byte[1], 0, 1));
            }
            assertArrayEquals(Arrays.copyOfRange(bytes, (part - 1) * 33, part * 33), got, "part " + part);
        }
        assertThrows(IllegalArgumentException.class, () -> raw.open(4));
        assertThrows(IllegalArgumentException.class, () -> raw.open(0));
    }
}

package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HealthBlocks}: the per-block statistics of known bits, the run's bit count respected. */
class HealthBlocksTest {
    @TempDir
    Path dir;

    @Test
    void eachBlockHoldsItsOnesAdaptiveProportionCountAndLongestRun() throws Exception {
        byte[] bits = new byte[128 + 128 + 1];
        Arrays.fill(bits, 0, 128, (byte) 0xFF);       // block 0: 1,024 ones
        Arrays.fill(bits, 128, 256, (byte) 0x55);     // block 1: 0101..., first bit 0
        bits[256] = (byte) 0x0F;                      // block 2: the run's last 4 bits, 0000 (the 1111 is padding)
        Files.write(dir.resolve("bits.bin"), bits);

        Path file = HealthBlocks.write(dir, 2048 + 4);

        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(HealthBlocks.HEADER, "0,0,1024,1024,1024,1024", "1,1024,1024,512,512,1",
                "2,2048,4,0,4,4"), lines);
    }

    @Test
    void aFolderWithoutBitsGetsNoFile() throws Exception {
        assertNull(HealthBlocks.write(dir, 100));
        Files.write(dir.resolve("bits.bin"), new byte[0]);
        assertNull(HealthBlocks.write(dir, 0));
    }
}

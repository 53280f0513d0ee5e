package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.RawRead;

class ReadRecorderTest {
    @TempDir
    Path dir;

    private static RawRead read(long index, int bit) {
        return new RawRead(index, 1000 * index, 0.65, 2e-8, bit == 1 ? 2000.5 : 1000.25, bit);
    }

    @Test
    void csvHoldsAHeaderAndOneLinePerRead() throws Exception {
        Path csv = dir.resolve("reads.csv");
        try (ReadRecorder r = ReadRecorder.csv(csv)) {
            r.accept(read(0, 0));
            r.accept(read(1, 1));
        }
        assertEquals(List.of(
                "index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit",
                "0,0,0.65,2.0E-8,1000.25,0",
                "1,1000,0.65,2.0E-8,2000.5,1"), Files.readAllLines(csv));
    }

    @Test
    void bitsArePackedMostSignificantFirstWithZeroPadding() throws Exception {
        Path bits = dir.resolve("bits.bin");
        int[] pattern = {1, 0, 1, 1, 0, 0, 0, 1, /* second byte, partial: */ 1, 1, 0};
        ReadRecorder r = ReadRecorder.csvAndPackedBits(dir.resolve("reads.csv"), bits);
        for (int i = 0; i < pattern.length; i++) {
            r.accept(read(i, pattern[i]));
        }
        r.close();
        assertArrayEquals(new byte[] {(byte) 0b1011_0001, (byte) 0b1100_0000}, Files.readAllBytes(bits));
        assertEquals(pattern.length, r.recorded());
    }

    @Test
    void wholeBytesGetNoPadding() throws Exception {
        Path bits = dir.resolve("bits.bin");
        try (ReadRecorder r = ReadRecorder.csvAndPackedBits(dir.resolve("reads.csv"), bits)) {
            for (int i = 0; i < 16; i++) {
                r.accept(read(i, 1));
            }
        }
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, Files.readAllBytes(bits));
    }

    @Test
    void closeDrainsEveryReadHandedOver() throws Exception {
        Path csv = dir.resolve("reads.csv");
        Path bits = dir.resolve("bits.bin");
        int n = 200_000;  // more than the queue holds, so the producer meets back-pressure too
        ReadRecorder r = ReadRecorder.csvAndPackedBits(csv, bits);
        for (int i = 0; i < n; i++) {
            r.accept(read(i, i & 1));
        }
        r.close();
        assertEquals(n, r.recorded());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(n + 1, lines.size());
        assertEquals((n - 1) + "," + (1000L * (n - 1)) + ",0.65,2.0E-8,2000.5,1", lines.get(n));
        assertEquals(n / 8, Files.size(bits));
    }

    @Test
    void aBitThatIsNotZeroOrOneFailsTheRecordingInsteadOfCorruptingIt() throws Exception {
        ReadRecorder r = ReadRecorder.csvAndPackedBits(dir.resolve("reads.csv"), dir.resolve("bits.bin"));
        r.accept(new RawRead(0, 0, 0.65, 2e-8, 1500, 2));
        IOException e = assertThrows(IOException.class, r::close);
        assertEquals("read has bit 2, not 0 or 1; refusing to pack it", e.getMessage());
    }
}

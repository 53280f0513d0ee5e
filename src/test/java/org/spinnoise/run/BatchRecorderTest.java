package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.SourceEvent;

class BatchRecorderTest {
    @TempDir
    Path dir;

    private static RawRead read(long index, int bit) {
        return new RawRead(index, 1000 * index, 0.65, 2e-8, bit == 1 ? 2000.5 : 1000.25, bit);
    }

    private static BitBatch batch(long first, int... bits) {
        List<RawRead> reads = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            reads.add(read(first + i, bits[i]));
        }
        return BitBatch.ofReads(first, reads, List.of());
    }

    private BatchRecorder recorder() throws Exception {
        return BatchRecorder.create(dir.resolve("bits.bin"), dir.resolve("reads.csv"), dir.resolve("events.csv"));
    }

    @Test
    void csvHoldsAHeaderAndOneLinePerRead() throws Exception {
        try (BatchRecorder r = recorder()) {
            r.accept(batch(0, 0, 1));
        }
        assertEquals(List.of(
                "index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit",
                "0,0,0.65,2.0E-8,1000.25,0",
                "1,1000,0.65,2.0E-8,2000.5,1"), Files.readAllLines(dir.resolve("reads.csv")));
    }

    @Test
    void bitsArePackedMostSignificantFirstAcrossBatchesWithZeroPadding() throws Exception {
        BatchRecorder r = recorder();
        r.accept(batch(0, 1, 0, 1));
        r.accept(batch(3, 1, 0, 0, 0, 1, 1));
        r.accept(batch(9, 1, 0));
        r.close();
        assertArrayEquals(new byte[] {(byte) 0b1011_0001, (byte) 0b1100_0000},
                Files.readAllBytes(dir.resolve("bits.bin")));
        assertEquals(11, r.bitsWritten());
    }

    @Test
    void wholeBytesGetNoPaddingAndABoardBatchWritesNoReads() throws Exception {
        try (BatchRecorder r = recorder()) {
            r.accept(new BitBatch(0, 16, new byte[] {(byte) 0xFF, (byte) 0x0F}, List.of(), List.of()));
        }
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0x0F}, Files.readAllBytes(dir.resolve("bits.bin")));
        assertEquals(false, Files.exists(dir.resolve("reads.csv")));
    }

    @Test
    void eventsGoToTheirFileWithAHeader() throws Exception {
        try (BatchRecorder r = recorder()) {
            r.accept(new BitBatch(0, 0, new byte[0], List.of(),
                    List.of(new SourceEvent(5, "discarded", 256, "an \"error\" check failed"))));
        }
        assertEquals(List.of(BatchRecorder.EVENTS_HEADER, "5,discarded,256,\"an 'error' check failed\""),
                Files.readAllLines(dir.resolve("events.csv")));
    }

    @Test
    void closeDrainsEveryBatchHandedOver() throws Exception {
        int batches = 2_000;  // more than the queue holds, so the producer meets back-pressure too
        BatchRecorder r = recorder();
        for (int b = 0; b < batches; b++) {
            int[] bits = new int[100];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = i & 1;
            }
            r.accept(batch(b * 100L, bits));
        }
        r.close();
        List<String> lines = Files.readAllLines(dir.resolve("reads.csv"));
        assertEquals(batches * 100 + 1, lines.size());
        long last = batches * 100L - 1;
        assertEquals(last + "," + 1000 * last + ",0.65,2.0E-8,2000.5,1", lines.get(batches * 100));
        assertEquals(batches * 100 / 8, Files.size(dir.resolve("bits.bin")));
    }

    @Test
    void aResumeCutsTheFilesToTheConfirmedBitsAndAppendsWithoutLosingOrRepeatingOne() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int[] all = new int[1_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = random.nextInt(2);
        }
        try (BatchRecorder r = recorder()) {
            r.accept(batch(0, java.util.Arrays.copyOfRange(all, 0, 600)));
        }
        // The manifest confirmed only 413 of the 600 bits on disk (the rest came after its last save).
        try (BatchRecorder r = BatchRecorder.resume(dir.resolve("bits.bin"), dir.resolve("reads.csv"),
                dir.resolve("events.csv"), 413)) {
            r.accept(batch(413, java.util.Arrays.copyOfRange(all, 413, 1_000)));
        }
        byte[] expected = new byte[125];
        for (int i = 0; i < all.length; i++) {
            expected[i >>> 3] |= (byte) (all[i] << (7 - (i & 7)));
        }
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("bits.bin")));
        List<String> lines = Files.readAllLines(dir.resolve("reads.csv"));
        assertEquals(1_001, lines.size());
        for (int i = 0; i < all.length; i++) {
            assertEquals(i + "," + 1000L * i, lines.get(i + 1).substring(0, lines.get(i + 1).indexOf(",0.65")));
            assertEquals(String.valueOf(all[i]), lines.get(i + 1).substring(lines.get(i + 1).length() - 1));
        }
    }

    @Test
    void aResumeRefusesFilesShorterThanTheManifestSays() throws Exception {
        try (BatchRecorder r = recorder()) {
            r.accept(batch(0, 1, 0, 1));
        }
        Exception e = assertThrows(java.io.IOException.class, () -> BatchRecorder.resume(dir.resolve("bits.bin"),
                dir.resolve("reads.csv"), dir.resolve("events.csv"), 20));
        assertEquals(dir.resolve("bits.bin") + " holds 8 bits but the manifest confirms 20; the folder is damaged "
                + "and cannot be resumed", e.getMessage());
    }

    @Test
    void aBitThatIsNotZeroOrOneIsRefusedBeforeItCanCorruptThePackedFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitBatch.ofReads(0, List.of(new RawRead(0, 0, 0.65, 2e-8, 1500, 2)), List.of()));
        assertEquals("read 0 has bit 2", e.getMessage());
    }
}

package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.entropy.pool.PoolAssertions.assertAccountingBalances;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolCorruptionTest {
    private static final long KEY = 77;
    private static final PoolConfig CONFIG = new PoolConfig(1 << 20, 64 << 10, 512);
    private static final int PAYLOAD = 500;
    private static final String SOURCE = "mtj";
    private static final int RECORD = RecordCodec.encodedBytes(PAYLOAD, SOURCE.length());

    @TempDir
    Path dir;

    private Path segment() {
        return dir.resolve("segments/00000001.seg");
    }

    /** Three 500-byte records, raw bits 1000, 2000, 3000; the pool is closed afterwards. */
    private void appendThreeRecords() throws IOException {
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            for (int i = 0; i < 3; i++) {
                pool.append(OffsetPattern.bytes(KEY, i * PAYLOAD, PAYLOAD), 0, PAYLOAD,
                        new IngestCounts(1000L * (i + 1), 0, PAYLOAD * 8.0), SOURCE);
            }
        }
    }

    @Test
    void flippedPayloadByteIsReportedAndItsRecordNeverServed() throws IOException {
        appendThreeRecords();
        flipByte(segment(), RECORD + RecordCodec.payloadOffsetInRecord(SOURCE.length()) + 123);
        assertMiddleRecordSkipped();
    }

    @Test
    void flippedLengthFieldIsSurvivedByResynchronisingOnTheNextRecord() throws IOException {
        appendThreeRecords();
        flipByte(segment(), RECORD + 14); // inside the payload length of record 2
        assertMiddleRecordSkipped();
    }

    private void assertMiddleRecordSkipped() throws IOException {
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            PoolStatus status = pool.status();
            assertEquals(PAYLOAD, status.corruptBytes());
            assertEquals(1, status.corruptRanges().size());
            String range = status.corruptRanges().get(0);
            assertTrue(range.contains("offsets 500..1000") && range.contains("segments/00000001.seg"), range);
            assertEquals(1000 + 3000, status.rawBitsIn(), "the damaged record's counters cannot be trusted");
            assertEquals(1500, status.bytesAppended(), "offsets after the damage do not shift");
            assertEquals(1000, status.bytesAvailable());
            assertAccountingBalances(status);
            byte[] served = pool.take("c", 1000);
            byte[] expected = new byte[1000];
            System.arraycopy(OffsetPattern.bytes(KEY, 0, PAYLOAD), 0, expected, 0, PAYLOAD);
            System.arraycopy(OffsetPattern.bytes(KEY, 1000, PAYLOAD), 0, expected, PAYLOAD, PAYLOAD);
            assertArrayEquals(expected, served);
            assertThrows(PoolExhaustedException.class, () -> pool.take("c", 1));
            assertEquals(1500 + 10, pool.append(new byte[10], 0, 10, new IngestCounts(0, 0, 0), SOURCE));
        }
        assertEquals(1, EntropyPool.inspect(dir).corruptRanges().size(), "still reported after reopening");
    }

    @Test
    void tornTailIsCutOffSilentlyAndAppendsContinueAfterTheLastIntactRecord() throws IOException {
        appendThreeRecords();
        try (FileChannel file = FileChannel.open(segment(), StandardOpenOption.WRITE)) {
            file.truncate(3L * RECORD - 10); // the third append never finished
        }
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            PoolStatus status = pool.status();
            assertEquals(0, status.corruptBytes());
            assertEquals(1000, status.bytesAppended());
            assertEquals(1000 + 2000, status.rawBitsIn());
            assertEquals(1000, status.bytesAvailable());
            assertAccountingBalances(status);
            assertEquals(2L * RECORD, Files.size(segment()), "the torn record is truncated");
            assertEquals(1000 + PAYLOAD, pool.append(OffsetPattern.bytes(KEY, 1000, PAYLOAD), 0, PAYLOAD,
                    new IngestCounts(5, 0, 0), SOURCE));
        }
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, 1500), pool.take("c", 1500));
            assertEquals(3005, pool.status().rawBitsIn());
        }
    }

    @Test
    void damagedCursorStopsOpenWithAMessageNamingIt() throws IOException {
        appendThreeRecords();
        Path cursor = dir.resolve("cursor");
        String text = Files.readString(cursor, StandardCharsets.UTF_8);
        Files.writeString(cursor, text.replace("\"servedEnd\":0", "\"servedEnd\":7"), StandardCharsets.UTF_8);
        PoolException e = assertThrows(PoolException.class, () -> EntropyPool.open(dir, CONFIG));
        assertTrue(e.getMessage().contains(cursor.toAbsolutePath().toString())
                && e.getMessage().contains("corrupt"), e.getMessage());
        Files.delete(cursor); // the way out the message offers
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            assertEquals(1500, pool.status().bytesDiscardedAtRecovery(), "without a cursor every byte counts as served");
            assertEquals(0, pool.takeUpTo("c", 100).length);
        }
    }

    /** Issue 18, defect 3: a cursor overwritten with random bytes gave only "Input length = 1". */
    @Test
    void aCursorOfRandomBytesIsReportedAsCorruptNotAsAnEncodingError() throws IOException {
        appendThreeRecords();
        Path cursor = dir.resolve("cursor");
        byte[] noise = new byte[200];
        new java.util.SplittableRandom(18).nextBytes(noise);
        noise[0] = (byte) 0xC3; // a lead byte without its continuation: never valid UTF-8
        noise[1] = 0x28;
        Files.write(cursor, noise);
        PoolException e = assertThrows(PoolException.class, () -> EntropyPool.open(dir, CONFIG));
        assertTrue(e.getMessage().contains(cursor.toAbsolutePath().toString())
                && e.getMessage().contains("is corrupt: it is not text")
                && e.getMessage().contains("move it aside"), e.getMessage());
        assertThrows(PoolException.class, () -> EntropyPool.inspect(dir));
    }

    @Test
    void damageAtTheEndOfAnOlderSegmentIsReportedAndStaysReportedAfterCompaction() throws IOException {
        PoolConfig small = new PoolConfig(1 << 20, 4096, 0);
        int record = RecordCodec.encodedBytes(1000, SOURCE.length()); // three fit a 4 KiB segment
        try (EntropyPool pool = EntropyPool.open(dir, small)) {
            for (int i = 0; i < 6; i++) {
                pool.append(OffsetPattern.bytes(KEY, i * 1000L, 1000), 0, 1000, new IngestCounts(10, 0, 0), SOURCE);
            }
        }
        flipByte(segment(), 2L * record + 100); // the last record of segment 1
        try (EntropyPool pool = EntropyPool.open(dir, small)) {
            assertEquals(6000, pool.status().bytesAppended());
            assertEquals(1000, pool.status().corruptBytes());
            assertTrue(pool.status().corruptRanges().get(0).contains("segments/00000001.seg"),
                    pool.status().corruptRanges().toString());
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, 2000), pool.take("c", 2000));
            assertArrayEquals(OffsetPattern.bytes(KEY, 3000, 1000), pool.take("c", 1000));
            pool.compact();
            assertEquals(1, pool.status().segments());
        }
        PoolStatus status = EntropyPool.inspect(dir);
        assertEquals(1000, status.corruptBytes(), "the ledger keeps the range of the deleted segment");
        assertTrue(status.corruptRanges().get(0).contains("offsets 2000..3000"), status.corruptRanges().toString());
        assertEquals(50, status.rawBitsIn());
        assertAccountingBalances(status);
    }

    private static void flipByte(Path file, long position) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[(int) position] ^= 0x40;
        Files.write(file, data);
    }
}

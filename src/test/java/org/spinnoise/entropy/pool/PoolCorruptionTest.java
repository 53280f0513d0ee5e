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

    /** An append a crash interrupted: the first {@code bytes} of a record for offset 1500, never committed. */
    private int appendTornRecord(int bytes) throws IOException {
        byte[] record = RecordCodec.encode(1500, OffsetPattern.bytes(KEY, 1500, PAYLOAD), 0, PAYLOAD,
                new IngestCounts(4000, 0, PAYLOAD * 8.0), SOURCE.getBytes(StandardCharsets.UTF_8)).array();
        try (FileChannel file = FileChannel.open(segment(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            file.write(java.nio.ByteBuffer.wrap(record, 0, bytes));
        }
        return bytes;
    }

    @Test
    void tornTailIsCutOffAndReportedAndAppendsContinueAfterTheLastIntactRecord() throws IOException {
        appendThreeRecords();
        int torn = appendTornRecord(RECORD - 10); // the fourth append never finished
        assertEquals(torn, EntropyPool.inspect(dir).bytesTornAtRecovery(), "inspect says what an open will cut");
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            PoolStatus status = pool.status();
            assertEquals(0, status.corruptBytes(), "nothing acknowledged was lost");
            assertEquals(torn, status.bytesTornAtRecovery(), "but the cut is reported");
            assertEquals(1500, status.bytesAppended());
            assertEquals(1000 + 2000 + 3000, status.rawBitsIn());
            assertEquals(1500, status.bytesAvailable());
            assertAccountingBalances(status);
            assertEquals(3L * RECORD, Files.size(segment()), "the torn record is truncated");
            assertEquals(1500 + PAYLOAD, pool.append(OffsetPattern.bytes(KEY, 1500, PAYLOAD), 0, PAYLOAD,
                    new IngestCounts(5, 0, 0), SOURCE));
        }
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, 2000), pool.take("c", 2000));
            assertEquals(6005, pool.status().rawBitsIn());
            assertEquals(torn, pool.status().bytesTornAtRecovery(), "the count survives reopening");
        }
    }

    /**
     * Issue 18, defect 3, as the independent check saw it: a 64 KiB record and a 103,008-byte one, the last record
     * of the segment, unserved, damaged on disk. Recovery took it for a torn append and cut it off: 103,008 of
     * 168,544 bytes vanished with "corrupt bytes 0", and the next append reused their offsets.
     */
    @Test
    void damageToTheLastUnservedRecordIsCorruptNotATornAppend() throws IOException {
        PoolConfig config = new PoolConfig(4 << 20, 1 << 20, 4096);
        try (EntropyPool pool = EntropyPool.open(dir, config)) {
            pool.append(OffsetPattern.bytes(KEY, 0, 65_536), 0, 65_536, new IngestCounts(8 * 65_536, 0, 8.0 * 65_536),
                    SOURCE);
            pool.append(OffsetPattern.bytes(KEY, 65_536, 103_008), 0, 103_008,
                    new IngestCounts(8 * 103_008, 0, 8.0 * 103_008), SOURCE);
        }
        int secondRecord = RecordCodec.encodedBytes(65_536, SOURCE.length());
        flipByte(segment(), secondRecord + RecordCodec.payloadOffsetInRecord(SOURCE.length()) + 50_000);
        PoolStatus inspected = EntropyPool.inspect(dir);
        assertEquals(103_008, inspected.corruptBytes(), inspected.toString());
        assertEquals(0, inspected.bytesTornAtRecovery());
        try (EntropyPool pool = EntropyPool.open(dir, config)) {
            PoolStatus status = pool.status();
            assertEquals(103_008, status.corruptBytes(), status.toString());
            assertTrue(status.corruptRanges().get(0).contains("offsets 65536..168544")
                    && status.corruptRanges().get(0).contains("segments/00000001.seg"), status.corruptRanges()
                    .toString());
            assertEquals(168_544, status.bytesAppended(), "the lost offsets are never reused");
            assertEquals(65_536, status.bytesAvailable());
            assertEquals(8.0 * 65_536, status.creditedEntropyBits(), 1e-9, "the damaged record is never credited");
            assertEquals(8L * 65_536, status.rawBitsIn());
            assertAccountingBalances(status);
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, 65_536), pool.take("c", 65_536));
            assertThrows(PoolExhaustedException.class, () -> pool.take("c", 1), "damaged bytes are never served");
            assertEquals(168_544 + 100, pool.append(OffsetPattern.bytes(KEY, 168_544, 100), 0, 100,
                    new IngestCounts(800, 0, 800), SOURCE));
        }
        try (EntropyPool pool = EntropyPool.open(dir, config)) {
            assertEquals(103_008, pool.status().corruptBytes(), "still reported once records follow it");
            assertArrayEquals(OffsetPattern.bytes(KEY, 168_544, 100), pool.take("c", 100));
        }
    }

    @Test
    void committedLastRecordCutShortIsCorruptNotTorn() throws IOException {
        appendThreeRecords();
        try (FileChannel file = FileChannel.open(segment(), StandardOpenOption.WRITE)) {
            file.truncate(3L * RECORD - 10); // looks like a torn write, but the commit log acknowledged it
        }
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            PoolStatus status = pool.status();
            assertEquals(PAYLOAD, status.corruptBytes(), status.toString());
            assertEquals(0, status.bytesTornAtRecovery());
            assertEquals(1500, status.bytesAppended());
            assertEquals(1000, status.bytesAvailable());
            assertAccountingBalances(status);
        }
    }

    @Test
    void withoutACommitLogTheShapeOfTheTailDecides() throws IOException {
        appendThreeRecords();
        Files.delete(dir.resolve(CommitLog.NAME)); // a pool written before the commit log existed
        flipByte(segment(), 2 * RECORD + RecordCodec.payloadOffsetInRecord(SOURCE.length()) + 7);
        try (EntropyPool pool = EntropyPool.open(dir, CONFIG)) {
            PoolStatus status = pool.status();
            assertEquals(1000, status.bytesAvailable());
            assertTrue(status.corruptBytes() >= PAYLOAD && status.corruptBytes() <= RECORD,
                    "a complete record with a bad checksum is damage, charged up to its size: " + status);
            assertEquals(0, status.bytesTornAtRecovery());
            assertAccountingBalances(status);
        }
        Path other = dir.resolve("other");
        try (EntropyPool pool = EntropyPool.open(other, CONFIG)) {
            pool.append(OffsetPattern.bytes(KEY, 0, 1500), 0, 1500, new IngestCounts(1, 0, 0), SOURCE);
        }
        Files.delete(other.resolve(CommitLog.NAME));
        byte[] record = RecordCodec.encode(1500, new byte[PAYLOAD], 0, PAYLOAD, new IngestCounts(0, 0, 0),
                SOURCE.getBytes(StandardCharsets.UTF_8)).array();
        Files.write(other.resolve("segments/00000001.seg"), java.util.Arrays.copyOf(record, 30),
                StandardOpenOption.APPEND);
        try (EntropyPool pool = EntropyPool.open(other, CONFIG)) {
            assertEquals(0, pool.status().corruptBytes(), "a record prefix is a torn write");
            assertEquals(30, pool.status().bytesTornAtRecovery());
            assertEquals(1500, pool.status().bytesAvailable());
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

package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.entropy.pool.PoolAssertions.assertAccountingBalances;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntropyPoolTest {
    private static final long KEY = 0x5EED;
    private static final PoolConfig SMALL = new PoolConfig(1 << 20, 4096, 1024);

    @TempDir
    Path dir;

    @Test
    void servesAppendedBytesInOrderAcrossSegmentsAndCountsPerConsumer() throws IOException {
        Random random = new Random(1);
        long end = 0;
        long raw = 0;
        double credited = 0;
        try (EntropyPool pool = EntropyPool.open(dir, SMALL)) {
            for (int i = 0; i < 60; i++) {
                int length = 1 + random.nextInt(1000);
                end = pool.append(OffsetPattern.bytes(KEY, end, length), 0, length,
                        new IngestCounts(4L * length + 100, i, 7.5 * length), "junction-" + (i % 3));
                raw += 4L * length + 100;
                credited += 7.5 * length;
            }
            ByteArrayOutputStream served = new ByteArrayOutputStream();
            long toA = 0;
            while (served.size() < end) {
                int want = (int) Math.min(1 + random.nextInt(700), end - served.size());
                String consumer = served.size() % 2 == 0 ? "a" : "b";
                byte[] got = pool.take(consumer, want);
                toA += consumer.equals("a") ? got.length : 0;
                served.writeBytes(got);
            }
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, (int) end), served.toByteArray());
            PoolStatus status = pool.status();
            assertTrue(status.segments() > 5, "4 KiB segments roll over: " + status.segments());
            assertEquals(end, status.bytesAppended());
            assertEquals(raw, status.rawBitsIn());
            assertEquals(59 * 60 / 2, status.quarantinedBits());
            assertEquals(credited, status.creditedEntropyBits(), 1e-6);
            assertEquals(Map.of("a", toA, "b", end - toA), status.bytesOutByConsumer());
            assertEquals(0, status.bytesAvailable());
            assertAccountingBalances(status);
        }
        try (EntropyPool reopened = EntropyPool.open(dir, SMALL)) {
            PoolStatus status = reopened.status();
            assertEquals(end, status.bytesAppended());
            assertEquals(raw, status.rawBitsIn());
            assertEquals(0, status.bytesDiscardedAtRecovery(), "a clean close gives the reservation back");
            assertEquals(end, status.bytesServed());
            assertEquals(0, reopened.takeUpTo("a", 10).length);
        }
    }

    @Test
    void exhaustedPoolAnswersAtOnceAndKeepsItsBytes() throws IOException {
        try (EntropyPool pool = EntropyPool.open(dir, SMALL)) {
            pool.append(OffsetPattern.bytes(KEY, 0, 100), 0, 100, new IngestCounts(800, 0, 800), "s");
            PoolExhaustedException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> assertThrows(PoolExhaustedException.class, () -> pool.take("sampler", 101)));
            assertEquals(100, e.availableBytes());
            assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("101") && e.getMessage().contains("100 available"), e.getMessage());
            assertArrayEquals(OffsetPattern.bytes(KEY, 0, 60), pool.takeUpTo("sampler", 60));
            assertArrayEquals(OffsetPattern.bytes(KEY, 60, 40), pool.takeUpTo("sampler", 1000));
            assertEquals(0, pool.takeUpTo("sampler", 1000).length);
            assertThrows(PoolExhaustedException.class, () -> pool.take("sampler", 1));
        }
    }

    @Test
    void fullPoolRefusesAppendsUntilConsumedSegmentsAreCompacted() throws IOException {
        PoolConfig tiny = new PoolConfig(8192, 4096, 0);
        byte[] payload = new byte[900];
        try (EntropyPool pool = EntropyPool.open(dir, tiny)) {
            int appended = 0;
            PoolFullException full = null;
            while (full == null) {
                try {
                    pool.append(payload, 0, payload.length, new IngestCounts(0, 0, 0), "s");
                    appended++;
                } catch (PoolFullException e) {
                    full = e;
                }
            }
            assertEquals(8, appended, "four 900-byte records fit a 4096-byte segment, two segments fit 8192");
            String message = full.getMessage();
            assertTrue(message.contains(dir.toAbsolutePath().toString()) && message.contains("capacity 8192")
                    && message.contains("serve or compact before ingesting more"), message);
            pool.take("c", 4 * 900); // the first segment is now consumed
            pool.append(payload, 0, payload.length, new IngestCounts(0, 0, 0), "s");
            assertEquals(2, pool.status().segments(), "the append compacted the consumed segment first");
        }
    }

    @Test
    void compactionDeletesConsumedSegmentsAndKeepsTheCounters() throws IOException {
        long end = 0;
        try (EntropyPool pool = EntropyPool.open(dir, SMALL)) {
            for (int i = 0; i < 20; i++) {
                end = pool.append(OffsetPattern.bytes(KEY, end, 1000), 0, 1000, new IngestCounts(3000, 10, 999.5),
                        "s");
            }
            pool.take("c", 15_500);
            PoolStatus before = pool.status();
            Files.copy(dir.resolve("segments/00000001.seg"), dir.resolve("first-segment.copy"));
            pool.compact();
            PoolStatus after = pool.status();
            assertTrue(after.segments() < before.segments(), before.segments() + " -> " + after.segments());
            try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
                assertEquals(after.segments(), files.count());
            }
            assertEquals(before.rawBitsIn(), after.rawBitsIn());
            assertEquals(before.creditedEntropyBits(), after.creditedEntropyBits(), 1e-9);
            assertEquals(before.bytesAvailable(), after.bytesAvailable());
        }
        // A crash between the ledger write and the delete leaves a compacted segment behind: it must not count.
        Files.copy(dir.resolve("first-segment.copy"), dir.resolve("segments/00000001.seg"));
        try (EntropyPool reopened = EntropyPool.open(dir, SMALL)) {
            assertTrue(Files.notExists(dir.resolve("segments/00000001.seg")), "the leftover is deleted on open");
            PoolStatus status = reopened.status();
            assertEquals(20 * 3000, status.rawBitsIn());
            assertEquals(20 * 10, status.quarantinedBits());
            assertEquals(20 * 999.5, status.creditedEntropyBits(), 1e-9);
            assertEquals(end, status.bytesAppended());
            assertArrayEquals(OffsetPattern.bytes(KEY, 15_500, 4_500), reopened.take("c", 4_500));
            assertAccountingBalances(reopened.status());
        }
    }

    @Test
    void reservationLeftByACrashIsSkippedNeverServedAgain() throws IOException {
        Path crashed = dir.resolve("crashed");
        try (EntropyPool pool = EntropyPool.open(dir.resolve("live"), new PoolConfig(1 << 20, 4096, 1000))) {
            pool.append(OffsetPattern.bytes(KEY, 0, 3000), 0, 3000, new IngestCounts(0, 0, 0), "s");
            pool.take("c", 10); // reserves offsets up to 10 + 1000 durably
            pool.take("c", 20); // served from the in-memory reservation
            copyPoolFiles(dir.resolve("live"), crashed); // what kill -9 would leave on disk now
        }
        try (EntropyPool recovered = EntropyPool.open(crashed, SMALL)) {
            PoolStatus status = recovered.status();
            assertEquals(1000, status.bytesDiscardedAtRecovery());
            assertEquals(Map.of("c", 10L), status.bytesOutByConsumer(), "counts are durable as of the cursor write");
            assertEquals(1990, status.bytesAvailable());
            assertArrayEquals(OffsetPattern.bytes(KEY, 1010, 5), recovered.take("c", 5));
            assertAccountingBalances(recovered.status());
        }
    }

    @Test
    void secondOpenOfTheSamePoolIsRefusedWithAMessage() throws IOException {
        try (EntropyPool pool = EntropyPool.open(dir, SMALL)) {
            PoolException e = assertThrows(PoolException.class, () -> EntropyPool.open(dir, SMALL));
            // issue 18, defect 6: the refusal names the holder
            assertTrue(e.getMessage().contains("in use by pid " + ProcessHandle.current().pid())
                    && e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
            pool.append(new byte[10], 0, 10, new IngestCounts(80, 0, 80), "s");
        }
        EntropyPool.open(dir, SMALL).close(); // the lock is released by close
    }

    @Test
    void inspectReadsAnOpenPoolWithoutItsLock() throws IOException {
        try (EntropyPool pool = EntropyPool.open(dir, SMALL)) {
            pool.append(new byte[5000], 0, 3000, new IngestCounts(24_000, 8, 3000), "s");
            pool.take("c", 100);
            PoolStatus inspected = EntropyPool.inspect(dir);
            assertEquals(3000, inspected.bytesAppended());
            assertEquals(24_000, inspected.rawBitsIn());
            assertEquals(Map.of("c", 100L), inspected.bytesOutByConsumer());
            // issue 18, defect 5: a live reservation is a reservation, held by this process, not "lost at recovery"
            assertEquals(0, inspected.bytesDiscardedAtRecovery());
            assertEquals(1024, inspected.bytesReserved(), "the live reservation (1 KiB ahead)");
            assertTrue(inspected.reservedBy().startsWith("pid " + ProcessHandle.current().pid() + " ("),
                    inspected.reservedBy());
            assertEquals(3000 - 100 - 1024, inspected.bytesAvailable());
            assertAccountingBalances(inspected);
            pool.take("c", 100); // the pool is unaffected by the inspection
        }
        PoolException e = assertThrows(PoolException.class, () -> EntropyPool.inspect(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("no entropy pool"), e.getMessage());
    }

    static void copyPoolFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("segments"));
        Files.copy(from.resolve("cursor"), to.resolve("cursor"));
        if (Files.exists(from.resolve(CommitLog.NAME))) {
            Files.copy(from.resolve(CommitLog.NAME), to.resolve(CommitLog.NAME));
        }
        try (Stream<Path> segments = Files.list(from.resolve("segments"))) {
            for (Path segment : segments.toList()) {
                Files.copy(segment, to.resolve("segments").resolve(segment.getFileName()));
            }
        }
    }
}

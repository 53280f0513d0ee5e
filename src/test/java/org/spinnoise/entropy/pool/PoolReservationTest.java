package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.entropy.pool.PoolAssertions.assertAccountingBalances;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18, defect 5: reservations sized to demand, given back on a clean stop, reported as reservations. */
class PoolReservationTest {
    private static final long KEY = 18;
    private static final PoolConfig CONFIG = new PoolConfig(4 << 20, 1 << 20, 64 << 10);

    @TempDir
    Path dir;

    private Path filled(String name, int bytes) throws IOException {
        Path pool = dir.resolve(name);
        try (EntropyPool p = EntropyPool.open(pool, CONFIG)) {
            p.append(OffsetPattern.bytes(KEY, 0, bytes), 0, bytes, new IngestCounts(8L * bytes, 0, 8.0 * bytes),
                    "s");
        }
        return pool;
    }

    @Test
    void aCrashAfterASmallTakeWritesOffOnlyASmallFirstReservation() throws IOException {
        Path live = filled("live", 200_000);
        Path crashed = dir.resolve("crashed");
        try (EntropyPool pool = EntropyPool.open(live, CONFIG)) {
            pool.take("c", 10);
            EntropyPoolTest.copyPoolFiles(live, crashed); // what kill -9 would leave on disk now
        }
        try (EntropyPool recovered = EntropyPool.open(crashed, CONFIG)) {
            PoolStatus status = recovered.status();
            assertEquals(ReservationSize.FIRST_BYTES, status.bytesDiscardedAtRecovery(),
                    "a 10-byte consumer put 4 KiB at risk, not the whole 64 KiB block");
            assertEquals(200_000 - 10 - ReservationSize.FIRST_BYTES, status.bytesAvailable());
            assertArrayEquals(OffsetPattern.bytes(KEY, 10 + ReservationSize.FIRST_BYTES, 7),
                    recovered.take("c", 7), "the written-off reservation is never served");
            assertAccountingBalances(recovered.status());
        }
    }

    @Test
    void reservationsGrowWithBriskDemandUpToTheConfiguredSize() throws IOException {
        Path pool = filled("pool", 1_000_000);
        try (EntropyPool p = EntropyPool.open(pool, CONFIG)) {
            long previousReservedEnd = 0;
            long largest = 0;
            int renewals = 0;
            for (int i = 0; i < 2000; i++) {
                p.take("c", 100);
                CursorState cursor = CursorFile.read(pool).orElseThrow();
                if (cursor.reservedEnd() != previousReservedEnd) {
                    long ahead = cursor.reservedEnd() - cursor.servedEnd();
                    assertTrue(ahead >= largest || ahead == CONFIG.reserveChunkBytes(),
                            "renewal " + renewals + " reserved " + ahead + " after " + largest);
                    largest = Math.max(largest, ahead);
                    previousReservedEnd = cursor.reservedEnd();
                    renewals++;
                }
            }
            assertEquals(CONFIG.reserveChunkBytes(), largest, "grown to the configured size");
            assertTrue(renewals < 2000 / 10, "far fewer cursor writes than takes: " + renewals);
        }
    }

    @Test
    void threeCleanStopsGiveBackEverythingTheyDidNotServe() throws IOException {
        Path pool = filled("pool", 100_000);
        for (int run = 0; run < 3; run++) {
            try (EntropyPool p = EntropyPool.open(pool, CONFIG)) {
                assertArrayEquals(OffsetPattern.bytes(KEY, 1000L * run, 1000), p.take("server", 1000));
            }
        }
        PoolStatus status = EntropyPool.inspect(pool);
        assertEquals(0, status.bytesDiscardedAtRecovery());
        assertEquals(0, status.bytesReserved());
        assertEquals("", status.reservedBy());
        assertEquals(100_000 - 3000, status.bytesAvailable());
        assertAccountingBalances(status);
    }

    @Test
    void inspectShowsALiveReservationAsHeldAndACrashedOneAsDiscarded() throws IOException {
        Path live = filled("live", 100_000);
        Path crashed = dir.resolve("crashed");
        try (EntropyPool pool = EntropyPool.open(live, CONFIG)) {
            pool.take("c", 500);
            PoolStatus held = EntropyPool.inspect(live);
            assertEquals(ReservationSize.FIRST_BYTES, held.bytesReserved());
            assertTrue(held.reservedBy().startsWith("pid " + ProcessHandle.current().pid() + " ("), held.reservedBy());
            assertEquals(0, held.bytesDiscardedAtRecovery(), "not lost: its holder is running");
            assertAccountingBalances(held);
            EntropyPoolTest.copyPoolFiles(live, crashed);
        }
        PoolStatus orphaned = EntropyPool.inspect(crashed); // nobody holds the copy
        assertEquals(0, orphaned.bytesReserved());
        assertEquals(ReservationSize.FIRST_BYTES, orphaned.bytesDiscardedAtRecovery());
        assertAccountingBalances(orphaned);
    }
}

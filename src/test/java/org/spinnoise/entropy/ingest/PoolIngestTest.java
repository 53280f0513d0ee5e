package org.spinnoise.entropy.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;

/** Raw bits through health tests, quarantine, start-up re-tests and conditioning into a real pool on disk. */
class PoolIngestTest {
    private static final double ALPHA = Math.pow(2, -30);
    private static final int BLOCK_BYTES = 512;

    @TempDir
    Path dir;

    private record Kept(long firstBit, int bytes, String reason) {
    }

    private static byte[] fairBytes(int count, long seed) {
        byte[] b = new byte[count];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void goodBitsAreAllConditionedAndCreditedAtTheFullEntropyRate() throws Exception {
        byte[] raw = fairBytes(64 * 1024, 1);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            PoolIngest ingest = new PoolIngest(pool, "test", IngestConfig.of(1.0, ALPHA), Quarantine.DISCARD);
            ingest.accept(raw, 0, 1000);
            ingest.accept(raw, 1000, raw.length - 1000);
            IngestReport report = ingest.finish();
            long rawBits = raw.length * 8L;
            assertEquals(rawBits, report.rawBitsIn());
            assertEquals(0, report.quarantinedBits());
            assertEquals(rawBits, report.bitsConditioned());
            // each 32-byte output block takes 256 + 64 bits of credited entropy; at 1 bit per bit, 320 raw bits
            assertEquals(rawBits / 320 * 32, report.bytesOut());
            assertEquals(report.bytesOut() * 8.0, report.creditedEntropyBits(), 1e-9);
            PoolStatus status = pool.status();
            assertEquals(rawBits, status.rawBitsIn());
            assertEquals(report.bytesOut(), status.bytesAvailable());
            assertEquals(report.creditedEntropyBits(), status.creditedEntropyBits(), 1e-6);
        }
    }

    @Test
    void lowerCreditedEntropyTakesMoreRawBitsPerOutputBlock() throws Exception {
        byte[] raw = fairBytes(32 * 1024, 2);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            PoolIngest ingest = new PoolIngest(pool, "test", IngestConfig.of(0.5, ALPHA), Quarantine.DISCARD);
            ingest.accept(raw, 0, raw.length);
            IngestReport report = ingest.finish();
            assertEquals(raw.length * 8L / 640 * 32, report.bytesOut());
        }
    }

    @Test
    void aStuckStretchIsQuarantinedAndTheSourceIsRetestedBeforeItsBitsCountAgain() throws Exception {
        byte[] raw = fairBytes(40 * BLOCK_BYTES, 3);
        int stuckFrom = 20 * BLOCK_BYTES + 100;
        for (int i = stuckFrom; i < stuckFrom + 64; i++) {
            raw[i] = 0;
        }
        List<Kept> kept = new ArrayList<>();
        Quarantine recording = (firstBit, packed, offset, length, reason) -> kept.add(new Kept(firstBit, length,
                reason));
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            PoolIngest ingest = new PoolIngest(pool, "stuck", IngestConfig.of(1.0, ALPHA), recording);
            ingest.accept(raw, 0, raw.length);
            IngestReport report = ingest.finish();
            assertTrue(report.quarantinedBits() >= 8L * BLOCK_BYTES, "" + report.quarantinedBits());
            assertEquals(report.quarantinedBits(), kept.stream().mapToLong(k -> 8L * k.bytes()).sum());
            assertEquals(20L * BLOCK_BYTES * 8, kept.get(0).firstBit(), "the block where the run was found");
            assertTrue(kept.get(0).reason().startsWith("running"), kept.get(0).reason());
            assertEquals("running", report.finalState());
            assertEquals(report.rawBitsIn(), report.quarantinedBits() + report.bitsConditioned()
                    + report.bitsUnused());
            assertEquals(report.quarantinedBits(), pool.status().quarantinedBits());
            assertTrue(report.health().stream().anyMatch(h -> h.failures() > 0));
        }
    }

    /**
     * Issue 18, defect 1: one call that fills an append batch and then meets a stuck block. The raw bits of the whole
     * call went into the first append, so the quarantine after it was counted against 0 raw bits and the ingest
     * aborted ("need 0 <= quarantinedBits <= rawBitsIn").
     */
    @Test
    void aQuarantineAfterAnAppendInTheSameCallIsCountedAgainstItsOwnBits() throws Exception {
        IngestConfig config = IngestConfig.of(0.9, ALPHA);
        int beforeStuck = 2 * config.appendBatchBytes() * 10 / 8; // about two append batches of output at 0.9
        beforeStuck -= beforeStuck % BLOCK_BYTES;
        byte[] raw = fairBytes(beforeStuck + 40 * BLOCK_BYTES, 6);
        for (int i = beforeStuck + 100; i < beforeStuck + 164; i++) {
            raw[i] = 0;
        }
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            PoolIngest ingest = new PoolIngest(pool, "late-stuck", config, Quarantine.DISCARD);
            ingest.accept(raw, 0, raw.length);
            IngestReport report = ingest.finish();
            assertEquals(raw.length * 8L, report.rawBitsIn());
            assertTrue(report.quarantinedBits() >= 8L * BLOCK_BYTES, "" + report.quarantinedBits());
            assertTrue(report.bytesOut() >= config.appendBatchBytes(), "" + report.bytesOut());
            PoolStatus status = pool.status();
            assertEquals(report.rawBitsIn(), status.rawBitsIn());
            assertEquals(report.quarantinedBits(), status.quarantinedBits());
            assertEquals(report.bytesOut(), status.bytesAvailable());
        }
    }

    @Test
    void aFailedStartUpTestQuarantinesEverythingItHeld() throws Exception {
        byte[] raw = fairBytes(8 * BLOCK_BYTES, 4);
        for (int i = 0; i < 2 * BLOCK_BYTES; i++) {
            raw[i] = (byte) 0xFF;
        }
        List<Kept> kept = new ArrayList<>();
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            PoolIngest ingest = new PoolIngest(pool, "bad-start", IngestConfig.of(1.0, ALPHA),
                    (firstBit, packed, offset, length, reason) -> kept.add(new Kept(firstBit, length, reason)));
            ingest.accept(raw, 0, raw.length);
            IngestReport report = ingest.finish();
            assertEquals(0, kept.get(0).firstBit());
            assertTrue(kept.get(0).reason().startsWith("start-up"), kept.get(0).reason());
            assertEquals(2L * BLOCK_BYTES * 8, report.quarantinedBits());
            assertEquals(6L * BLOCK_BYTES * 8, report.bitsConditioned());
        }
    }

    @Test
    void quarantinedBitsLandInTheRunFolderFiles() throws Exception {
        byte[] block = new byte[BLOCK_BYTES];
        try (QuarantineFiles files = new QuarantineFiles(dir)) {
            files.keep(4096, block, 0, block.length, "running: test");
        }
        assertArrayEquals(block, Files.readAllBytes(dir.resolve(QuarantineFiles.BITS)));
        List<String> index = Files.readAllLines(dir.resolve(QuarantineFiles.INDEX));
        assertEquals("4096,4096,0,\"running: test\"", index.get(1));
    }

    @Test
    void nothingQuarantinedLeavesNoQuarantineFiles() throws Exception {
        new QuarantineFiles(dir).close();
        assertTrue(!Files.exists(dir.resolve(QuarantineFiles.BITS)) && !Files.exists(dir.resolve(QuarantineFiles.INDEX)));
    }
}

package org.spinnoise.sim.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's two overlap checks must see a byte served twice, however it is cut into replies. */
class SoakChecksTest {
    @Test
    void rangesSeeAnyOverlapAndMergeWhatIsContiguous() {
        ServedRanges ranges = new ServedRanges();
        assertTrue(ranges.add(0, 100));
        assertTrue(ranges.add(200, 50));
        assertTrue(ranges.add(100, 100), "fills the gap exactly");
        assertEquals(1, ranges.intervals(), "0..250 is one interval");
        assertFalse(ranges.add(249, 10), "last byte again");
        assertFalse(ranges.add(-5, 6), "first byte again");
        assertFalse(ranges.add(10, 5), "inside");
        assertTrue(ranges.add(300, 10));
        assertFalse(ranges.add(240, 100), "spans the gap and both sides");
        assertEquals(4, ranges.overlaps());
        assertEquals(1 + 1 + 5 + 10 + 10, ranges.overlapBytes());
        assertEquals(260, ranges.coveredBytes());
    }

    @Test
    void contentFingerprintsFindARepeatAtAnotherAlignmentAndNothingInFreshBytes(@TempDir Path dir)
            throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        byte[] stream = new byte[1 << 20];
        random.nextBytes(stream);
        try (ServedFingerprints fresh = new ServedFingerprints(dir.resolve("fresh.bin"))) {
            for (byte[] reply : cut(stream, 0, stream.length, 65_536)) {
                fresh.add(2, reply);
            }
            assertTrue(fresh.fingerprints() > 150, "about one anchor in 4 KiB: " + fresh.fingerprints());
            assertEquals(0, fresh.duplicates());
        }
        try (ServedFingerprints repeated = new ServedFingerprints(dir.resolve("repeated.bin"))) {
            for (byte[] reply : cut(stream, 0, stream.length, 65_536)) {
                repeated.add(2, reply);
            }
            // 64 KiB of the middle served again to someone else, in replies of another size and alignment
            for (byte[] reply : cut(stream, 300_001, 300_001 + 65_536, 10_000)) {
                repeated.add(2, reply);
            }
            assertTrue(repeated.duplicates() >= 5, "a 64 KiB repeat holds about 16 anchors");
        }
    }

    @Test
    void memoryIsJudgedOnItsFloorSoPeaksOfWorkPassAndAGrowingFloorFails() {
        List<ResourceSample> working = new ArrayList<>();
        List<ResourceSample> leaking = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double t = i * 10;
            // an assessment holding 45 MB for a third of the time, on a flat 14 MB floor
            long peak = i % 3 == 0 ? 45_000_000 : 0;
            working.add(sample(t, 14_000_000 + peak));
            leaking.add(sample(t, 14_000_000 + 20_000L * i + peak));
        }
        MemoryTrend flat = MemoryTrend.of(working, 100, ResourceSample::heapUsedAfterGcBytes);
        assertTrue(flat.flatWithin(10), flat.toString());
        assertEquals(0, flat.fitRisePercent(), 1e-9);
        MemoryTrend growing = MemoryTrend.of(leaking, 100, ResourceSample::heapUsedAfterGcBytes);
        assertFalse(growing.flatWithin(10), "4 MB of growth on a 14 MB floor: " + growing);
        assertTrue(growing.windowPercent() > 10 && growing.fitRisePercent() > 10, growing.toString());
        assertFalse(MemoryTrend.of(working.subList(0, 15), 100, ResourceSample::heapUsedAfterGcBytes)
                .flatWithin(10), "too few samples after warm-up say nothing");
    }

    private static ResourceSample sample(double seconds, long heapBytes) {
        return new ResourceSample(seconds, heapBytes, 2 * heapBytes, 3 * heapBytes, heapBytes, 20, 90, 1.0);
    }

    private static List<byte[]> cut(byte[] stream, int from, int to, int replyBytes) {
        List<byte[]> replies = new ArrayList<>();
        for (int at = from; at < to; at += replyBytes) {
            replies.add(java.util.Arrays.copyOfRange(stream, at, Math.min(to, at + replyBytes)));
        }
        return replies;
    }
}

package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a pool's state from its directory: reads the cursor, verifies every record of every segment, cuts off an
 * append that a crash left unfinished at the very end, and writes off the reservation that consumers may or may not
 * have received before the crash. With {@code repair} false nothing on disk changes, which is how
 * {@link EntropyPool#inspect} reads a pool that a running service holds.
 */
final class PoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(PoolRecovery.class);

    private PoolRecovery() {
    }

    static RecoveredPool recover(PoolLayout layout, boolean repair) throws PoolException {
        Optional<CursorState> stored = CursorFile.read(layout.dir());
        CursorState cursor = stored.orElse(CursorState.fresh());
        Ledger ledger = cursor.ledger();
        try {
            Map<Integer, Path> files = layout.listSegments();
            List<Path> live = new ArrayList<>();
            for (Map.Entry<Integer, Path> file : files.entrySet()) {
                if (file.getKey() <= ledger.compactedThroughSegment()) {
                    if (repair) {
                        // A crash came between the cursor write and the delete of a compaction: finish it.
                        Files.deleteIfExists(file.getValue());
                    }
                } else {
                    live.add(file.getValue());
                }
            }
            SegmentScanner scanner = new SegmentScanner(layout.dir(), ledger.endOffset());
            List<RecoveredPool.RecoveredSegment> segments = new ArrayList<>();
            IngestTotals totals = ledger.totals();
            long previousEnd = ledger.endOffset();
            for (int i = 0; i < live.size(); i++) {
                Path path = live.get(i);
                RecoveredPool.RecoveredSegment segment = scanSegment(layout, scanner, path, previousEnd,
                        i == live.size() - 1, repair);
                segments.add(segment);
                totals = totals.plus(segment.totals());
                previousEnd = segment.endOffset();
            }
            if (stored.isEmpty() && !live.isEmpty()) {
                LOG.warn("Entropy pool {} has segments but no cursor; treating every stored byte as served",
                        layout.dir());
            }
            long scannedEnd = scanner.finish();
            long reservedEnd = stored.isPresent() ? cursor.reservedEnd() : scannedEnd;
            scanner.noteMissingUpTo(reservedEnd, "acknowledged and reserved for consumers, but missing from the end "
                    + "of the last segment (the file was truncated or lost)");
            long appendedEnd = Math.max(scannedEnd, reservedEnd);
            List<CorruptRange> corrupt = new ArrayList<>(ledger.corruptRanges());
            corrupt.addAll(scanner.corruptRanges());
            long servedEnd = stored.isPresent() ? cursor.servedEnd() : 0;
            long discardedNow = reservedEnd - servedEnd - corruptWithin(corrupt, servedEnd, reservedEnd);
            if (discardedNow > 0 && repair) {
                LOG.info("Entropy pool {}: skipping {} bytes reserved for consumers before an unclean shutdown; "
                        + "they are never served", layout.dir(), discardedNow);
            }
            RecoveredPool pool = new RecoveredPool(segments, ledger, corrupt, appendedEnd, reservedEnd,
                    cursor.bytesDiscardedAtRecovery() + discardedNow, cursor.bytesOutByConsumer(), totals);
            if (repair) {
                Files.deleteIfExists(layout.dir().resolve(CursorFile.NAME + ".tmp"));
                CursorFile.write(layout.dir(), pool.cursor());
            }
            return pool;
        } catch (PoolException e) {
            throw e;
        } catch (IOException e) {
            throw new PoolException("cannot recover entropy pool " + layout.dir() + ": " + e.getMessage()
                    + "; check that the directory and its segment files are readable", e);
        }
    }

    static long corruptWithin(List<CorruptRange> ranges, long from, long to) {
        long bytes = 0;
        for (CorruptRange range : ranges) {
            bytes += range.bytesWithin(from, to);
        }
        return bytes;
    }

    private static RecoveredPool.RecoveredSegment scanSegment(PoolLayout layout, SegmentScanner scanner, Path path,
                                                              long previousEnd, boolean last, boolean repair)
            throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new PoolException("segment " + path + " of entropy pool " + layout.dir() + " is " + size
                    + " bytes, more than a segment can be; it is not a spinnoise segment, move it out of the pool");
        }
        byte[] data = Files.readAllBytes(path);
        String label = layout.label(path);
        SegmentScanner.SegmentScan scan = scanner.scan(label, data, data.length);
        long fileBytes = data.length;
        if (scan.tailGarbageBytes() > 0) {
            if (last) {
                // Only the newest append can be incomplete; it was never acknowledged, so cutting it off loses
                // nothing that was promised.
                LOG.info("Entropy pool {}: {} ends with {} bytes of an unfinished append{}", layout.dir(), label,
                        scan.tailGarbageBytes(), repair ? "; truncating them" : "");
                fileBytes = scan.intactEndPosition();
                if (repair) {
                    truncate(path, fileBytes);
                }
            } else {
                scanner.noteDamagedTail(label, scan.intactEndPosition(), scan.tailGarbageBytes());
            }
        }
        IngestTotals totals = IngestTotals.ZERO;
        for (DecodedRecord record : scan.records()) {
            totals = totals.plus(record.counts());
        }
        long endOffset = scan.records().isEmpty() ? previousEnd : scan.records().get(scan.records().size() - 1)
                .globalEnd();
        int index = Integer.parseInt(path.getFileName().toString().substring(0, 8));
        return new RecoveredPool.RecoveredSegment(index, path, fileBytes, scan.records(), endOffset, totals);
    }

    private static void truncate(Path path, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
            channel.force(true);
        }
    }
}

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
 * Rebuilds a pool's state from its directory: reads the cursor and the commit log, verifies every record of every
 * segment, cuts off an append that a crash left unfinished at the very end (past the last acknowledged end), counts
 * every damaged byte of acknowledged records as corrupt wherever it lies, and writes off the reservation that
 * consumers may or may not have received before the crash. With {@code repair} false nothing on disk changes, which
 * is how {@link EntropyPool#inspect} reads a pool that a running service holds.
 */
final class PoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(PoolRecovery.class);

    private PoolRecovery() {
    }

    static RecoveredPool recover(PoolLayout layout, boolean repair) throws PoolException {
        Optional<CursorState> stored = CursorFile.read(layout.dir());
        CursorState cursor = stored.orElse(CursorState.fresh());
        Ledger ledger = cursor.ledger();
        // Inspecting a pool someone holds: their reservation is live, and an unfinished tail may be an append in
        // progress. Repairing, the lock is ours, so whoever reserved or appended last is gone.
        Optional<PoolHolder> holder = repair ? Optional.empty() : PoolHolder.live(layout.dir());
        try {
            // Read before the segments: an append that completes during the scan is then intact, never "lost".
            long committedEnd = CommitLog.read(layout.dir()).orElse(-1);
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
            long tornNow = 0;
            for (int i = 0; i < live.size(); i++) {
                TailScan scanned = scanSegment(layout, scanner, live.get(i), previousEnd, i == live.size() - 1,
                        repair, committedEnd);
                segments.add(scanned.segment());
                tornNow += scanned.tornBytes();
                totals = totals.plus(scanned.segment().totals());
                previousEnd = scanned.segment().endOffset();
            }
            if (stored.isEmpty() && !live.isEmpty()) {
                LOG.warn("Entropy pool {} has segments but no cursor; treating every stored byte as served",
                        layout.dir());
            }
            long scannedEnd = scanner.finish(committedEnd);
            scanner.noteMissingUpTo(committedEnd, "acknowledged (the commit log says so), but missing from the end "
                    + "of the last segment (the file was truncated or lost)");
            long reservedEnd = stored.isPresent() ? cursor.reservedEnd() : scanner.expectedOffset();
            scanner.noteMissingUpTo(reservedEnd, "acknowledged and reserved for consumers, but missing from the end "
                    + "of the last segment (the file was truncated or lost)");
            long appendedEnd = Math.max(scanner.expectedOffset(), Math.max(scannedEnd, reservedEnd));
            List<CorruptRange> corrupt = new ArrayList<>(ledger.corruptRanges());
            corrupt.addAll(scanner.corruptRanges());
            long servedEnd = stored.isPresent() ? cursor.servedEnd() : 0;
            long reservedNow = reservedEnd - servedEnd - corruptWithin(corrupt, servedEnd, reservedEnd);
            long discardedNow = holder.isPresent() ? 0 : reservedNow;
            if (discardedNow > 0 && repair) {
                LOG.info("Entropy pool {}: skipping {} bytes reserved for consumers before an unclean shutdown; "
                        + "they are never served", layout.dir(), discardedNow);
            }
            long tornCounted = holder.isPresent() ? 0 : tornNow; // a live holder's tail may be an append in flight
            RecoveredPool pool = new RecoveredPool(segments, ledger, corrupt, appendedEnd, reservedEnd,
                    cursor.bytesDiscardedAtRecovery() + discardedNow, cursor.bytesOutByConsumer(), totals,
                    cursor.bytesTornAtRecovery() + tornCounted,
                    holder.map(h -> new RecoveredPool.Reservation(reservedNow, h)));
            if (repair) {
                Files.deleteIfExists(layout.dir().resolve(CursorFile.NAME + ".tmp"));
                CursorFile.write(layout.dir(), pool.cursor());
                CommitLog.reset(layout.dir(), appendedEnd);
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

    /** One scanned segment and the bytes of an unacknowledged append cut off its end (0 when none). */
    private record TailScan(RecoveredPool.RecoveredSegment segment, long tornBytes) {
    }

    private static TailScan scanSegment(PoolLayout layout, SegmentScanner scanner, Path path, long previousEnd,
                                        boolean last, boolean repair, long committedEnd) throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 16) {
            throw new PoolException("segment " + path + " of entropy pool " + layout.dir() + " is " + size
                    + " bytes, more than a segment can be; it is not a spinnoise segment, move it out of the pool");
        }
        byte[] data = Files.readAllBytes(path);
        String label = layout.label(path);
        SegmentScanner.SegmentScan scan = scanner.scan(label, data, data.length);
        long fileBytes = data.length;
        long torn = 0;
        int tail = scan.tailGarbageBytes();
        int tailStart = scan.intactEndPosition();
        if (tail > 0 && !last) {
            scanner.noteDamagedTail(label, tailStart, tail);
        } else if (tail > 0 && committedEnd > scanner.expectedOffset()) {
            // Acknowledged records are in there: corrupt, kept on disk as evidence; appends go after it.
            scanner.noteDamagedCommittedTail(label, tailStart, tail, committedEnd);
        } else if (tail > 0 && (committedEnd >= 0 || scanner.looksLikeTornAppend(data, tailStart, data.length))) {
            // Past the last acknowledged end (or, without a commit log, shaped like a record cut short): the
            // newest append was interrupted and never acknowledged, so cutting it off loses nothing promised.
            LOG.info("Entropy pool {}: {} ends with {} bytes of an unfinished append that was never acknowledged{}",
                    layout.dir(), label, tail, repair ? "; truncating them" : "");
            torn = tail;
            fileBytes = tailStart;
            if (repair) {
                truncate(path, fileBytes);
            }
        } else if (tail > 0) {
            // No commit log (a pool from an older version) and not the shape of a torn write: damaged records.
            scanner.noteDamagedTail(label, tailStart, tail);
        }
        IngestTotals totals = IngestTotals.ZERO;
        for (DecodedRecord record : scan.records()) {
            totals = totals.plus(record.counts());
        }
        long endOffset = scan.records().isEmpty() ? previousEnd : scan.records().get(scan.records().size() - 1)
                .globalEnd();
        int index = Integer.parseInt(path.getFileName().toString().substring(0, 8));
        return new TailScan(new RecoveredPool.RecoveredSegment(index, path, fileBytes, scan.records(), endOffset,
                totals), torn);
    }

    private static void truncate(Path path, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
            channel.force(true);
        }
    }
}

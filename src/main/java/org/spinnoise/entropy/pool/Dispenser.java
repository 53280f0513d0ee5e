package org.spinnoise.entropy.pool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands out pool bytes in offset order, each at most once, exactly as many as asked for. Before bytes leave, the
 * durable cursor is moved past them and a reservation ahead ({@link ReservationSize}: small at first, growing with
 * demand up to {@code reserveChunkBytes}), so most takes need no fsync; a crash can then only lose the unused rest of
 * a reservation, which recovery counts as discarded, and a clean close gives that rest back. All state here is
 * guarded by this object's monitor; the pool's write lock, when also needed, is always taken first.
 */
final class Dispenser {
    private final Path poolDir;
    private final SegmentStore store;
    private final ReservationSize reservation;
    private final long bytesTornAtRecovery;
    private final List<CorruptRange> corruptRanges;
    private final Map<String, Long> bytesOutByConsumer;
    private final long bytesDiscardedAtRecovery;
    private Ledger ledger;
    private long position;
    private long reservedEnd;
    private boolean released;

    Dispenser(Path poolDir, SegmentStore store, int reserveChunkBytes, RecoveredPool recovered) {
        this.poolDir = poolDir;
        this.store = store;
        this.reservation = new ReservationSize(reserveChunkBytes);
        this.bytesTornAtRecovery = recovered.bytesTornAtRecovery();
        this.corruptRanges = List.copyOf(recovered.corruptRanges());
        this.bytesOutByConsumer = new TreeMap<>(recovered.bytesOutByConsumer());
        this.bytesDiscardedAtRecovery = recovered.bytesDiscardedAtRecovery();
        this.ledger = recovered.ledger();
        this.position = recovered.position();
        this.reservedEnd = recovered.position();
    }

    /**
     * Takes {@code requested} bytes for {@code consumer}; when fewer are there, all of them if {@code partialOk},
     * else {@link PoolExhaustedException} at once.
     */
    synchronized byte[] take(String consumer, int requested, boolean partialOk) throws PoolException {
        if (released) {
            throw new PoolException("entropy pool " + poolDir + " is closed; open it again");
        }
        long end = store.appendedEnd();
        long available = availableBelow(end);
        if (available < requested && !partialOk) {
            throw new PoolExhaustedException("entropy pool " + poolDir + " is exhausted: " + consumer + " asked for "
                    + requested + " bytes, " + available + " available; ingest more entropy or ask for less",
                    available);
        }
        byte[] bytes = new byte[(int) Math.min(requested, available)];
        if (bytes.length == 0) {
            return bytes;
        }
        long takeEnd = store.read(position, bytes);
        if (takeEnd > reservedEnd) {
            long newReservedEnd = Math.max(takeEnd, Math.min(end, takeEnd + reservation.next(System.nanoTime())));
            Map<String, Long> outAfterThisTake = new TreeMap<>(bytesOutByConsumer);
            outAfterThisTake.merge(consumer, (long) bytes.length, Long::sum);
            CursorFile.write(poolDir, new CursorState(CursorState.FORMAT, takeEnd, newReservedEnd,
                    bytesDiscardedAtRecovery, outAfterThisTake, ledger, bytesTornAtRecovery));
            reservedEnd = newReservedEnd;
        }
        position = takeEnd;
        bytesOutByConsumer.merge(consumer, (long) bytes.length, Long::sum);
        return bytes;
    }

    /** Deletes the segments consumers are done with, after recording their totals durably in the ledger. */
    synchronized void compact() throws PoolException {
        List<Segment> consumed = store.consumedSegments(position);
        if (consumed.isEmpty()) {
            return;
        }
        Ledger next = ledger;
        for (Segment segment : consumed) {
            List<CorruptRange> endedInIt = new ArrayList<>();
            for (CorruptRange range : corruptRanges) {
                if (range.endOffset() > next.endOffset() && range.endOffset() <= segment.endOffset()) {
                    endedInIt.add(range);
                }
            }
            next = next.plus(segment, endedInIt);
        }
        CursorFile.write(poolDir, cursorState(next, reservedEnd));
        ledger = next;
        store.delete(consumed);
    }

    /** Gives back the unused reservation so a clean close discards nothing; no take succeeds afterwards. */
    synchronized void release() throws PoolException {
        released = true;
        CursorFile.write(poolDir, cursorState(ledger, position));
        reservedEnd = position;
    }

    /**
     * The pool as this process sees it: its own reservation is part of what it can serve, so it counts as available
     * here ({@code bytesReserved} is 0); {@link EntropyPool#inspect} from outside shows it as reserved.
     */
    synchronized PoolStatus status(long capacityBytes) {
        long end = store.appendedEnd();
        IngestTotals totals = store.totals();
        long served = bytesOutByConsumer.values().stream().mapToLong(Long::longValue).sum();
        List<String> ranges = corruptRanges.stream().map(CorruptRange::describe).toList();
        return new PoolStatus(poolDir, totals.rawBitsIn(), totals.quarantinedBits(), totals.creditedEntropyBits(),
                end, served, availableBelow(end), bytesDiscardedAtRecovery,
                PoolRecovery.corruptWithin(corruptRanges, 0, Long.MAX_VALUE), ranges, bytesOutByConsumer,
                store.segmentCount(), capacityBytes, 0, "", bytesTornAtRecovery);
    }

    /** Bytes reserved ahead of the consumers right now (durably past them, given back on a clean close). */
    synchronized long reservedAheadBytes() {
        return reservedEnd - position - PoolRecovery.corruptWithin(corruptRanges, position, reservedEnd);
    }

    private long availableBelow(long end) {
        return end - position - PoolRecovery.corruptWithin(corruptRanges, position, end);
    }

    private CursorState cursorState(Ledger withLedger, long withReservedEnd) {
        return new CursorState(CursorState.FORMAT, position, withReservedEnd, bytesDiscardedAtRecovery,
                bytesOutByConsumer, withLedger, bytesTornAtRecovery);
    }
}

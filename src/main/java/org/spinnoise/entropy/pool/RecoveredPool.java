package org.spinnoise.entropy.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link PoolRecovery} found on disk: the intact records per segment, the lost ranges, and the serving state
 * after a crash's reservation has been written off (or, when inspecting a pool whose holder is running, the live
 * reservation it holds).
 *
 * @param segments                 live segment files in index order
 * @param ledger                   totals of compacted segments
 * @param corruptRanges            every lost range, ledger ones first, in offset order
 * @param appendedEnd              global offset where the next record starts
 * @param position                 next global offset anyone but the holder may serve (past any reservation)
 * @param bytesDiscardedAtRecovery skipped reservations, this recovery's included
 * @param bytesOutByConsumer       bytes served per consumer
 * @param totals                   ingest counters of every readable record, compacted ones included
 * @param bytesTornAtRecovery      file bytes of unacknowledged appends cut off, this recovery's included
 * @param liveReservation          the reservation of the running holder, when inspecting a held pool
 */
record RecoveredPool(List<RecoveredSegment> segments, Ledger ledger, List<CorruptRange> corruptRanges,
                     long appendedEnd, long position, long bytesDiscardedAtRecovery,
                     Map<String, Long> bytesOutByConsumer, IngestTotals totals, long bytesTornAtRecovery,
                     Optional<Reservation> liveReservation) {

    /** One segment file and its intact records; {@code fileBytes} after any torn tail was cut off. */
    record RecoveredSegment(int index, Path path, long fileBytes, List<DecodedRecord> records, long endOffset,
                            IngestTotals totals) {
    }

    /** Readable bytes a running process has reserved for its consumers, and that process. */
    record Reservation(long bytes, PoolHolder holder) {
    }

    CursorState cursor() {
        return new CursorState(CursorState.FORMAT, position, position, bytesDiscardedAtRecovery, bytesOutByConsumer,
                ledger, bytesTornAtRecovery);
    }
}

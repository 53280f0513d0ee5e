package org.spinnoise.entropy.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link PoolRecovery} found on disk: the intact records per segment, the lost ranges, and the serving state
 * after a crash's reservation has been written off.
 *
 * @param segments                 live segment files in index order
 * @param ledger                   totals of compacted segments
 * @param corruptRanges            every lost range, ledger ones first, in offset order
 * @param appendedEnd              global offset where the next record starts
 * @param position                 next global offset to serve
 * @param bytesDiscardedAtRecovery skipped reservations, this recovery's included
 * @param bytesOutByConsumer       bytes served per consumer
 * @param totals                   ingest counters of every readable record, compacted ones included
 */
record RecoveredPool(List<RecoveredSegment> segments, Ledger ledger, List<CorruptRange> corruptRanges,
                     long appendedEnd, long position, long bytesDiscardedAtRecovery,
                     Map<String, Long> bytesOutByConsumer, IngestTotals totals) {

    /** One segment file and its intact records; {@code fileBytes} after any torn tail was cut off. */
    record RecoveredSegment(int index, Path path, long fileBytes, List<DecodedRecord> records, long endOffset,
                            IngestTotals totals) {
    }

    CursorState cursor() {
        return new CursorState(CursorState.FORMAT, position, position, bytesDiscardedAtRecovery, bytesOutByConsumer,
                ledger);
    }
}

package org.spinnoise.entropy.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * Totals of the segments {@link EntropyPool#compact()} has deleted, kept in the cursor file so the pool's counters
 * survive compaction. {@code compactedThroughSegment} makes compaction idempotent: a segment file with that index or
 * lower that is still on disk (a crash came between the cursor write and the delete) is deleted again on open and
 * never counted twice.
 *
 * @param compactedThroughSegment highest deleted segment index, 0 when none
 * @param endOffset               global offset where the deleted segments' records end; scanning resumes there
 * @param rawBitsIn               raw bits behind the deleted records
 * @param quarantinedBits         quarantined bits behind the deleted records
 * @param creditedEntropyBits     entropy credited to the deleted records
 * @param corruptRanges           corrupt ranges that ended inside the deleted segments
 */
record Ledger(int compactedThroughSegment, long endOffset, long rawBitsIn, long quarantinedBits,
              double creditedEntropyBits, List<CorruptRange> corruptRanges) {
    static final Ledger EMPTY = new Ledger(0, 0, 0, 0, 0, List.of());

    Ledger {
        corruptRanges = List.copyOf(corruptRanges);
    }

    /** This ledger plus one more deleted segment. */
    Ledger plus(Segment segment, List<CorruptRange> rangesEndedInIt) {
        List<CorruptRange> ranges = new ArrayList<>(corruptRanges);
        ranges.addAll(rangesEndedInIt);
        IngestTotals totals = segment.totals();
        return new Ledger(segment.index(), segment.endOffset(), rawBitsIn + totals.rawBitsIn(),
                quarantinedBits + totals.quarantinedBits(), creditedEntropyBits + totals.creditedEntropyBits(),
                ranges);
    }

    IngestTotals totals() {
        return new IngestTotals(rawBitsIn, quarantinedBits, creditedEntropyBits);
    }
}

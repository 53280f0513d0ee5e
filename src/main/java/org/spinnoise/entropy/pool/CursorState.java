package org.spinnoise.entropy.pool;

import java.util.Map;
import java.util.TreeMap;

/**
 * The durable serving state of a pool, as stored in its {@code cursor} file. Format 2 added
 * {@code bytesTornAtRecovery}; a format-1 cursor reads with it 0.
 *
 * @param format                   file format version, {@link #FORMAT} (or {@link #FORMAT_WITHOUT_TORN_BYTES})
 * @param servedEnd                global offset up to which bytes were handed out when this was written
 * @param reservedEnd              global offset up to which bytes may have been handed out; never served again
 * @param bytesDiscardedAtRecovery bytes skipped by earlier recoveries
 * @param bytesOutByConsumer       bytes served per consumer up to {@code servedEnd}
 * @param ledger                   totals of compacted segments
 * @param bytesTornAtRecovery      file bytes of unacknowledged appends (a crash cut them short) that earlier
 *                                 recoveries cut off the newest segment; they held no promised byte
 */
record CursorState(int format, long servedEnd, long reservedEnd, long bytesDiscardedAtRecovery,
                   Map<String, Long> bytesOutByConsumer, Ledger ledger, long bytesTornAtRecovery) {
    static final int FORMAT = 2;
    static final int FORMAT_WITHOUT_TORN_BYTES = 1;

    CursorState {
        bytesOutByConsumer = new TreeMap<>(bytesOutByConsumer);
        if (servedEnd < 0 || reservedEnd < servedEnd) {
            throw new IllegalArgumentException("cursor needs 0 <= servedEnd <= reservedEnd, got servedEnd="
                    + servedEnd + " reservedEnd=" + reservedEnd);
        }
        if (bytesTornAtRecovery < 0) {
            throw new IllegalArgumentException("cursor needs bytesTornAtRecovery >= 0, got " + bytesTornAtRecovery);
        }
    }

    static CursorState fresh() {
        return new CursorState(FORMAT, 0, 0, 0, Map.of(), Ledger.EMPTY, 0);
    }
}

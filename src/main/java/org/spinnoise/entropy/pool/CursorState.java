package org.spinnoise.entropy.pool;

import java.util.Map;
import java.util.TreeMap;

/**
 * The durable serving state of a pool, as stored in its {@code cursor} file.
 *
 * @param format                   file format version, {@link #FORMAT}
 * @param servedEnd                global offset up to which bytes were handed out when this was written
 * @param reservedEnd              global offset up to which bytes may have been handed out; never served again
 * @param bytesDiscardedAtRecovery bytes skipped by earlier recoveries
 * @param bytesOutByConsumer       bytes served per consumer up to {@code servedEnd}
 * @param ledger                   totals of compacted segments
 */
record CursorState(int format, long servedEnd, long reservedEnd, long bytesDiscardedAtRecovery,
                   Map<String, Long> bytesOutByConsumer, Ledger ledger) {
    static final int FORMAT = 1;

    CursorState {
        bytesOutByConsumer = new TreeMap<>(bytesOutByConsumer);
        if (servedEnd < 0 || reservedEnd < servedEnd) {
            throw new IllegalArgumentException("cursor needs 0 <= servedEnd <= reservedEnd, got servedEnd="
                    + servedEnd + " reservedEnd=" + reservedEnd);
        }
    }

    static CursorState fresh() {
        return new CursorState(FORMAT, 0, 0, 0, Map.of(), Ledger.EMPTY);
    }
}

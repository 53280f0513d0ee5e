package org.spinnoise.entropy.pool;

/**
 * Global offsets {@code [startOffset, endOffset)} whose payload was lost to damage and is never served, with a note
 * naming the file and what was wrong. Stored in the cursor's ledger once its segment is compacted away.
 *
 * @param startOffset first lost global offset
 * @param endOffset   one past the last lost global offset
 * @param cause       where and why, e.g. "segments/00000002.seg file bytes 4142..8321 are not an intact record"
 */
record CorruptRange(long startOffset, long endOffset, String cause) {
    long bytes() {
        return endOffset - startOffset;
    }

    /** Bytes of this range inside {@code [from, to)}. */
    long bytesWithin(long from, long to) {
        return Math.max(0, Math.min(to, endOffset) - Math.max(from, startOffset));
    }

    String describe() {
        return "offsets " + startOffset + ".." + endOffset + " (" + bytes() + " bytes): " + cause;
    }
}

package org.spinnoise.firmware;

/**
 * One thing that went wrong on a board's stream, as the host saw it: a corrupt frame (its bytes dropped, its bits never
 * used), frames missing by sequence number, a duplicate frame (dropped, its bits never used twice), bits missing by
 * first-bit index, or an ERROR the board sent on its own. {@code seq} and {@code expectedSeq} are board sequence
 * numbers (−1 when unknown); {@code firstBit} and {@code bitCount} say which bits were affected (−1 / 0 when none).
 */
public record StreamEvent(Kind kind, long timeNanos, int seq, int expectedSeq, long firstBit, long bitCount,
                          String detail) {

    /** What happened. */
    public enum Kind {
        /** Bytes between two delimiters that were not a valid frame. */
        CORRUPT_FRAME,
        /** A valid frame whose sequence number skipped some: those frames never arrived intact. */
        MISSING_FRAMES,
        /** A valid frame that repeats one already received, by sequence number or by first-bit index. */
        DUPLICATE_FRAME,
        /** A STREAM frame whose first bit is past the next expected one: those bits never arrived. */
        MISSING_BITS,
        /** An ERROR the board sent without a request. */
        BOARD_ERROR
    }

    /** One CSV line: kind, time, seq, expected seq, first bit, bit count, detail (quoted). */
    public String csv() {
        return kind + "," + timeNanos + "," + seq + "," + expectedSeq + "," + firstBit + "," + bitCount + ",\""
                + detail.replace("\"", "'") + "\"";
    }

    /** The header of {@link #csv()}. */
    public static final String CSV_HEADER = "kind,time_ns,seq,expected_seq,first_bit,bit_count,detail";
}

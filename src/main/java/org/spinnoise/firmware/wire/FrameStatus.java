package org.spinnoise.firmware.wire;

/**
 * What the frame decoder made of the bytes between two delimiters, checked in the order PROTOCOL.md §2.3 gives, so
 * every implementation reports the same status for the same bytes. Everything but {@link #GOOD} is a corrupt frame
 * that the receiver counts, reports and drops.
 */
public enum FrameStatus {
    /** A valid frame of a known type: header, payload and CRC check. */
    GOOD("good frame"),
    /** A COBS block runs past the delimiter (a frame cut short, or a corrupted code byte). */
    BAD_COBS("COBS block runs past the delimiter"),
    /** Fewer bytes than a header and CRC, or fewer than the header's length field announces. */
    TRUNCATED("frame shorter than its header says"),
    /** More decoded bytes than the largest frame, or a length field above the payload limit. */
    OVERSIZED("frame larger than the payload limit"),
    /** More bytes than the header's length field announces. */
    LENGTH_MISMATCH("frame longer than its header says"),
    /** The CRC-32C trailer does not match the frame. */
    BAD_CRC("CRC-32C mismatch"),
    /** An intact frame whose type this protocol version does not define. */
    UNKNOWN_TYPE("unknown message type"),
    /** An intact frame with reserved flag bits set, or a reply flag that contradicts its type. */
    BAD_FLAGS("flags contradict the message type");

    private final String description;

    FrameStatus(String description) {
        this.description = description;
    }

    /** A short phrase for logs and error lines. */
    public String description() {
        return description;
    }

    /** True when the frame's type, flags and seq fields can be trusted (its CRC matched). */
    public boolean headerValid() {
        return this == GOOD || this == UNKNOWN_TYPE || this == BAD_FLAGS;
    }
}

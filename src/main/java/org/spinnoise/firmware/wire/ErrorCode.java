package org.spinnoise.firmware.wire;

/**
 * The codes an ERROR frame carries (PROTOCOL.md §4.10), and the faults the message decoder reports with them. Codes 4
 * and 8 answer no request (flags bit 0 is 0); every other code answers one (flags bit 0 is 1).
 */
public enum ErrorCode {
    UNKNOWN_TYPE(1),
    OUT_OF_RANGE(2),
    BAD_STATE(3),
    CORRUPT_FRAME(4),
    UNSUPPORTED_VERSION(5),
    HARDWARE_FAULT(6),
    BAD_SIZE(7),
    HOST_SILENT(8);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** True for the codes a board sends on its own, answering no request (§4.10): 4 and 8. */
    public boolean unsolicited() {
        return this == CORRUPT_FRAME || this == HOST_SILENT;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The error with this code, or {@code null} if version 1 defines none. */
    public static ErrorCode ofCode(int code) {
        for (ErrorCode e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}

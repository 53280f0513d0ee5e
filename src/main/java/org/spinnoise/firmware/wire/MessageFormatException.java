package org.spinnoise.firmware.wire;

/**
 * An intact frame (its CRC matched) whose payload breaks PROTOCOL.md §4: the wrong size for its type, a field outside
 * its limits, or a protocol version this codec does not speak. {@link #code()} is what a board answers with.
 */
public final class MessageFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public MessageFormatException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** BAD_SIZE, OUT_OF_RANGE or UNSUPPORTED_VERSION. */
    public ErrorCode code() {
        return code;
    }
}

package org.spinnoise.serve;

/**
 * Why the noise service refused a request, as carried in byte 5 of a reply header (see PROTOCOL.md). {@link #OK} marks
 * a data or pong reply; every other code comes with an error reply whose payload is one UTF-8 line saying what to do.
 */
public enum ErrorCode {
    OK(0),
    MALFORMED(1),
    VERSION(2),
    UNKNOWN_MODE(3),
    MODE_NOT_PERMITTED(4),
    OVERSIZED(5),
    CREDIT_EXCEEDED(6),
    POOL_EXHAUSTED(7),
    SERVER_BUSY(8),
    INTERNAL(9),
    /** The client sent more requests than it read replies; this and later requests go unanswered until it reads. */
    OVERRUN(10);

    private final int wire;

    ErrorCode(int wire) {
        this.wire = wire;
    }

    /** The byte on the wire. */
    public int wire() {
        return wire;
    }

    /** The code for a wire byte; an unknown byte (a newer server) reads as {@link #INTERNAL}. */
    public static ErrorCode ofWire(int value) {
        for (ErrorCode c : values()) {
            if (c.wire == value) {
                return c;
            }
        }
        return INTERNAL;
    }
}

package org.spinnoise.firmware.wire;

/**
 * The message types of protocol version 1 (PROTOCOL.md §4) with their type byte and the value their {@code flags}
 * bit 0 ("answers a request") must have. Host-to-board types are 0x01…0x3F, board-to-host types 0x81…0xBF.
 */
public enum MessageType {
    HELLO(0x01, Reply.NO),
    CONFIGURE(0x02, Reply.NO),
    START(0x03, Reply.NO),
    CREDIT(0x04, Reply.NO),
    STOP(0x05, Reply.NO),
    STATUS(0x06, Reply.NO),
    HELLO_REPLY(0x81, Reply.YES),
    CONFIGURE_ACK(0x82, Reply.YES),
    START_ACK(0x83, Reply.YES),
    STREAM(0x84, Reply.NO),
    STOP_ACK(0x85, Reply.YES),
    STATUS_REPLY(0x86, Reply.YES),
    ERROR(0xBF, Reply.EITHER);

    /** Whether frames of a type answer a request ({@code flags} bit 0). */
    enum Reply { NO, YES, EITHER }

    /** flags bit 0: this frame answers a request. */
    public static final int FLAG_REPLY = 0x01;

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Reply reply;

    MessageType(int code, Reply reply) {
        this.code = code;
        this.reply = reply;
    }

    /** The type byte on the wire. */
    public int code() {
        return code;
    }

    /** True for board-to-host types. */
    public boolean fromBoard() {
        return (code & 0x80) != 0;
    }

    /** The type with this type byte, or {@code null} if version 1 defines none. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /** True when {@code flags} is allowed on a frame of this type. */
    public boolean flagsAllowed(int flags) {
        return switch (reply) {
            case NO -> flags == 0;
            case YES -> flags == FLAG_REPLY;
            case EITHER -> (flags & ~FLAG_REPLY) == 0;
        };
    }

    /** The flags byte a frame of this type carries, for every type but ERROR (whose bit 0 depends on the message). */
    int defaultFlags() {
        return reply == Reply.YES ? FLAG_REPLY : 0;
    }
}

package org.spinnoise.firmware.wire;

/**
 * Turns a good {@link Frame} into its {@link Message} record, checking the payload as PROTOCOL.md §4 and §2.3 say: for
 * HELLO and HELLO_REPLY the version first (so a board can refuse any other version whatever its HELLO looks like),
 * then the payload size for the type, then every field's limits.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * Decodes a frame the {@link FrameDecoder} reported {@link FrameStatus#GOOD}.
     *
     * @throws MessageFormatException with BAD_SIZE, OUT_OF_RANGE or UNSUPPORTED_VERSION
     */
    public static Message decode(Frame frame) throws MessageFormatException {
        if (frame.status() != FrameStatus.GOOD) {
            throw new IllegalArgumentException("only a good frame holds a message, this one is " + frame.status());
        }
        return decode(frame.type(), frame.flags(), frame.array(), frame.payloadOffset(), frame.payloadLength());
    }

    /** Decodes the payload {@code b[off, off + len)} of a frame of type {@code type} with flags {@code flags}. */
    public static Message decode(MessageType type, int flags, byte[] b, int off, int len)
            throws MessageFormatException {
        if ((type == MessageType.HELLO || type == MessageType.HELLO_REPLY) && len >= 1
                && LittleEndian.u8(b, off) != WireLimits.PROTOCOL_VERSION) {
            throw new MessageFormatException(ErrorCode.UNSUPPORTED_VERSION, type + " speaks protocol version "
                    + LittleEndian.u8(b, off) + ", this codec speaks " + WireLimits.PROTOCOL_VERSION);
        }
        checkSize(type, b, off, len);
        try {
            return switch (type) {
                case HELLO -> Hello.read(b, off);
                case HELLO_REPLY -> HelloReply.read(b, off);
                case CONFIGURE -> new Configure(BoardSettings.read(b, off));
                case CONFIGURE_ACK -> new ConfigureAck(BoardSettings.read(b, off));
                case START -> Start.read(b, off);
                case START_ACK -> new StartAck();
                case STREAM -> new StreamView().wrap(b, off, len).toMessage();
                case CREDIT -> Credit.read(b, off);
                case STOP -> new Stop();
                case STOP_ACK -> new StopAck();
                case STATUS -> new StatusRequest();
                case STATUS_REPLY -> StatusReply.read(b, off);
                case ERROR -> ErrorReply.read((flags & MessageType.FLAG_REPLY) != 0, b, off, len);
            };
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException(ErrorCode.OUT_OF_RANGE, type + ": " + e.getMessage());
        }
    }

    /** Payload size rules of §4: a fixed size per type, except STREAM (18 + ⌈n/8⌉) and ERROR (4 + m). */
    static void checkSize(MessageType type, byte[] b, int off, int len) throws MessageFormatException {
        int expected = switch (type) {
            case HELLO -> Hello.BYTES;
            case HELLO_REPLY -> HelloReply.BYTES;
            case CONFIGURE, CONFIGURE_ACK -> BoardSettings.BYTES;
            case START -> Start.BYTES;
            case CREDIT -> Credit.BYTES;
            case START_ACK, STOP, STOP_ACK, STATUS -> 0;
            case STATUS_REPLY -> StatusReply.BYTES;
            case STREAM -> len < WireLimits.STREAM_FIELD_BYTES ? WireLimits.STREAM_FIELD_BYTES
                    : WireLimits.STREAM_FIELD_BYTES + Stream.packedBytes(LittleEndian.u16(b, off + 16));
            case ERROR -> len < ErrorReply.FIELD_BYTES ? ErrorReply.FIELD_BYTES
                    : ErrorReply.FIELD_BYTES + LittleEndian.u8(b, off + 3);
        };
        if (len != expected) {
            throw new MessageFormatException(ErrorCode.BAD_SIZE, type + " payload must be " + expected
                    + " bytes, got " + len);
        }
    }
}

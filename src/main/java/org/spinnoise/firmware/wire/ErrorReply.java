package org.spinnoise.firmware.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ERROR (0xBF, board → host): a code and a short ASCII message (PROTOCOL.md §4.10). When it answers a request, the
 * frame's flags bit 0 is set and {@code requestSeq} is that request's seq; an unsolicited ERROR (a corrupt frame
 * received, the host gone silent) has bit 0 clear and {@code requestSeq} 0xFFFF. Each code is one or the other
 * ({@link ErrorCode#unsolicited()}); a frame whose flags say otherwise is refused as out of range.
 */
public record ErrorReply(ErrorCode code, boolean answersRequest, int requestSeq, String message) implements Message {
    static final int FIELD_BYTES = 4;
    static final int MAX_MESSAGE_CHARS = 255;
    /** requestSeq of an ERROR that answers no request. */
    public static final int NO_REQUEST = 0xFFFF;

    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Fields.u16("request seq", requestSeq);
        if (!answersRequest && requestSeq != NO_REQUEST) {
            throw new IllegalArgumentException("an ERROR that answers no request carries request seq 65535, got "
                    + requestSeq);
        }
        if (answersRequest == code.unsolicited()) {
            throw new IllegalArgumentException("ERROR " + code.code() + " (" + code + ") "
                    + (code.unsolicited() ? "answers no request: flags bit 0 must be 0"
                            : "always answers a request: flags bit 0 must be 1"));
        }
        Fields.ascii("error message", message, 0, MAX_MESSAGE_CHARS);
    }

    /** An ERROR answering the request with this seq. */
    public static ErrorReply answering(int requestSeq, ErrorCode code, String message) {
        return new ErrorReply(code, true, requestSeq, message);
    }

    /** An ERROR that answers no request. */
    public static ErrorReply unsolicited(ErrorCode code, String message) {
        return new ErrorReply(code, false, NO_REQUEST, message);
    }

    static ErrorReply read(boolean answersRequest, byte[] b, int off, int len) {
        ErrorCode code = ErrorCode.ofCode(LittleEndian.u8(b, off));
        if (code == null) {
            throw new IllegalArgumentException("ERROR code must be 1..8, got " + LittleEndian.u8(b, off));
        }
        int m = LittleEndian.u8(b, off + 3);
        if (len != FIELD_BYTES + m) {
            throw new IllegalArgumentException("ERROR message length says " + m + " bytes, the payload holds "
                    + (len - FIELD_BYTES));
        }
        return new ErrorReply(code, answersRequest, LittleEndian.u16(b, off + 1),
                new String(b, off + FIELD_BYTES, m, StandardCharsets.ISO_8859_1));
    }

    @Override
    public int flags() {
        return answersRequest ? MessageType.FLAG_REPLY : 0;
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }

    @Override
    public int payloadBytes() {
        return FIELD_BYTES + message.length();
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put8(dst, off, code.code());
        LittleEndian.put16(dst, off + 1, requestSeq);
        LittleEndian.put8(dst, off + 3, message.length());
        for (int i = 0; i < message.length(); i++) {
            dst[off + FIELD_BYTES + i] = (byte) message.charAt(i);
        }
    }
}

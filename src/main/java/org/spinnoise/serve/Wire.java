package org.spinnoise.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.spinnoise.noise.NoiseMode;

/**
 * The byte layouts of protocol version 1 (PROTOCOL.md): the 16-byte request, the 40-byte reply header, mode bytes.
 * Header fields are big-endian; float32 payloads are little-endian, the layout numpy and PyTorch use natively.
 */
final class Wire {
    static final int VERSION = 1;
    static final byte MAGIC_0 = 'S';
    static final byte MAGIC_1 = 'N';
    static final int REQUEST_BYTES = 16;
    static final int REPLY_HEADER_BYTES = 40;
    /** Mode byte for requests and replies that have no mode (ping, and errors before the mode was read). */
    static final int NO_MODE = 0;

    private Wire() {
    }

    /** A request that parsed; its limits (mode permitted, size) are checked by the server. */
    record Request(RequestType type, NoiseMode mode, long requestId, int count) {
        long payloadBytes() {
            return (long) count * type.bytesPerItem();
        }
    }

    /** What a request frame turned out to be: a request, or a refusal with what could be read of it. */
    record Parsed(Request request, ErrorCode error, long requestId, int modeByte, String message) {
        static Parsed ok(Request r) {
            return new Parsed(r, ErrorCode.OK, r.requestId(), Wire.modeByte(r.mode()), null);
        }

        static Parsed refused(ErrorCode error, long requestId, int modeByte, String message) {
            return new Parsed(null, error, requestId, modeByte, message);
        }
    }

    static byte[] encodeRequest(RequestType type, NoiseMode mode, long requestId, int count) {
        ByteBuffer b = ByteBuffer.allocate(REQUEST_BYTES);
        b.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).put((byte) type.wire()).put((byte) modeByte(mode));
        b.put((byte) 0).put((byte) 0).put((byte) 0);
        b.putInt((int) requestId).putInt(count);
        return b.array();
    }

    /**
     * Reads one request frame; never throws on any input. A refusal echoes the request id (bytes 8..11) and the mode
     * byte (byte 4, when it names a mode) of any frame long enough to hold them, whatever else is wrong with it, so a
     * client can always tell which request was refused (PROTOCOL.md, "Errors"). Checks run in the order PROTOCOL.md
     * gives: frame, version, length, type, reserved bytes, ping fields, count 0, mode; a count of 2^31 or more is
     * {@link ErrorCode#OVERSIZED} (no server's replies are that large), left to the server to rank after the mode.
     */
    static Parsed parseRequest(byte[] frame) {
        long requestId = echoedRequestId(frame);
        int modeByte = echoedModeByte(frame);
        if (frame.length < 3 || frame[0] != MAGIC_0 || frame[1] != MAGIC_1) {
            return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte, "malformed request: a request frame "
                    + "starts with \"SN\" and a version byte (" + frame.length + " bytes received); see PROTOCOL.md");
        }
        int version = frame[2] & 0xFF;
        if (version != VERSION) {
            return Parsed.refused(ErrorCode.VERSION, requestId, modeByte, "protocol version " + version
                    + " is not spoken here; this server speaks version " + VERSION + ", update the client");
        }
        if (frame.length != REQUEST_BYTES) {
            return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte, "malformed request: " + frame.length
                    + " bytes, a version 1 request is " + REQUEST_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int rawMode = frame[4] & 0xFF;
        RequestType type = RequestType.ofWire(frame[3] & 0xFF);
        if (type == null || type == RequestType.ERROR) {
            return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte, "malformed request: unknown type "
                    + (frame[3] & 0xFF) + " (1 normals, 2 bytes, 3 ping)");
        }
        if (frame[5] != 0 || frame[6] != 0 || frame[7] != 0) {
            return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte,
                    "malformed request: reserved bytes 5..7 must be zero");
        }
        long count = Integer.toUnsignedLong(b.getInt(12));
        if (type == RequestType.PING) {
            if (rawMode != NO_MODE || count != 0) {
                return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte, "malformed request: a ping carries "
                        + "mode 0 and count 0, got mode " + rawMode + " and count " + count);
            }
            return Parsed.ok(new Request(type, null, requestId, 0));
        }
        if (count == 0) {
            return Parsed.refused(ErrorCode.MALFORMED, requestId, modeByte,
                    "malformed request: count 0, ask for at least 1 " + (type == RequestType.NORMALS ? "normal" : "byte"));
        }
        NoiseMode mode = modeOf(rawMode);
        if (mode == null) {
            return Parsed.refused(ErrorCode.UNKNOWN_MODE, requestId, modeByte, "unknown mode byte " + rawMode
                    + ": use 1 (trng), 2 (drbg) or 3 (prng)");
        }
        if (count > Integer.MAX_VALUE) {
            return Parsed.refused(ErrorCode.OVERSIZED, requestId, modeByte, "request for " + count + " "
                    + (type == RequestType.NORMALS ? "normals" : "bytes") + " is over any server's reply limit (at "
                    + "most " + ServerConfig.REPLY_BYTES_CEILING + " bytes); ask in smaller chunks");
        }
        return Parsed.ok(new Request(type, mode, requestId, (int) count));
    }

    /** The request id of a frame long enough to hold one (12 bytes), else 0. */
    static long echoedRequestId(byte[] frame) {
        return frame.length < 12 ? 0 : Integer.toUnsignedLong(ByteBuffer.wrap(frame).getInt(8));
    }

    /** The mode byte of a frame long enough to hold a request id, when it names a mode; else {@link #NO_MODE}. */
    static int echoedModeByte(byte[] frame) {
        return frame.length < 12 || modeOf(frame[4] & 0xFF) == null ? NO_MODE : frame[4] & 0xFF;
    }

    static int modeByte(NoiseMode mode) {
        return mode == null ? NO_MODE : mode.ordinal() + 1;
    }

    static NoiseMode modeOf(int modeByte) {
        NoiseMode[] modes = NoiseMode.values();
        return modeByte >= 1 && modeByte <= modes.length ? modes[modeByte - 1] : null;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

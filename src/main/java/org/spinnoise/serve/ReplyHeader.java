package org.spinnoise.serve;

import java.nio.ByteBuffer;
import org.spinnoise.noise.NoiseMode;

/**
 * The metadata of one reply (the first frame, 40 bytes, see PROTOCOL.md): what it holds, in which mode, the request
 * it answers, where it sits in the client's stream for that mode, and how many hardware (pool) bits it cost.
 *
 * @param type           {@link RequestType#NORMALS}, {@link RequestType#BYTES}, {@link RequestType#PING} (a pong)
 *                       or {@link RequestType#ERROR}
 * @param mode           the noise mode, or null when the reply has none (pong, early errors)
 * @param error          {@link ErrorCode#OK} unless this is an error reply
 * @param requestId      the id the client put in its request (0 if the request was too short to carry one)
 * @param count          normals or bytes in the payload
 * @param streamPosition the stream's position before this reply, in its mode's unit: {@code trng}, the offset in
 *                       the service's one stream of pool bytes; {@code drbg}, DRBG output bytes this client's
 *                       generator had produced; {@code prng}, values this client's generator had handed out
 * @param streamAdvance  how far that position moved for this reply (drbg generates in blocks, so it may be 0)
 * @param hardwareBits   pool bits this reply used (trng payload, DRBG seeds and reseeds)
 */
public record ReplyHeader(RequestType type, NoiseMode mode, ErrorCode error, long requestId, int count,
                          long streamPosition, long streamAdvance, long hardwareBits) {

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(Wire.REPLY_HEADER_BYTES);
        b.put(Wire.MAGIC_0).put(Wire.MAGIC_1).put((byte) Wire.VERSION).put((byte) type.wire())
                .put((byte) Wire.modeByte(mode)).put((byte) error.wire()).putShort((short) 0);
        b.putInt((int) requestId).putInt(count).putLong(streamPosition).putLong(streamAdvance)
                .putLong(hardwareBits);
        return b.array();
    }

    /** Reads a reply header; a frame that is not one is a {@link NoiseServiceException}. */
    static ReplyHeader decode(byte[] frame, String endpoint) throws NoiseServiceException {
        if (frame == null || frame.length != Wire.REPLY_HEADER_BYTES || frame[0] != Wire.MAGIC_0
                || frame[1] != Wire.MAGIC_1 || frame[2] != Wire.VERSION) {
            throw new NoiseServiceException(ErrorCode.MALFORMED, "noise service " + endpoint
                    + " sent a reply this client cannot read (not a version 1 header); is it a spinnoise server?");
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        RequestType type = RequestType.ofWire(frame[3] & 0xFF);
        if (type == null) {
            throw new NoiseServiceException(ErrorCode.MALFORMED, "noise service " + endpoint
                    + " sent a reply of unknown type " + (frame[3] & 0xFF));
        }
        return new ReplyHeader(type, Wire.modeOf(frame[4] & 0xFF), ErrorCode.ofWire(frame[5] & 0xFF),
                Integer.toUnsignedLong(b.getInt(8)), b.getInt(12), b.getLong(16), b.getLong(24), b.getLong(32));
    }
}

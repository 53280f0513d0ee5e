package org.spinnoise.firmware.wire;

/**
 * START (0x03, host → board): begin streaming with STREAM payloads of at most {@code streamPayloadBytes} and the
 * first frame limit: the board may send STREAM frames number 0 … {@code frameLimit} − 1 of this stream before a
 * CREDIT raises the limit (PROTOCOL.md §4.5, §6).
 */
public record Start(int streamPayloadBytes, long frameLimit) implements Message {
    static final int BYTES = 6;

    public Start {
        Fields.range("STREAM payload size", streamPayloadBytes, WireLimits.MIN_STREAM_PAYLOAD_BYTES,
                WireLimits.MAX_PAYLOAD_BYTES);
        Fields.u32("frame limit", frameLimit);
    }

    /** Bits in a full STREAM frame of this stream. */
    public int bitsPerFullFrame() {
        return 8 * (streamPayloadBytes - WireLimits.STREAM_FIELD_BYTES);
    }

    static Start read(byte[] b, int off) {
        return new Start(LittleEndian.u16(b, off), LittleEndian.u32(b, off + 2));
    }

    @Override
    public MessageType type() {
        return MessageType.START;
    }

    @Override
    public int payloadBytes() {
        return BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put16(dst, off, streamPayloadBytes);
        LittleEndian.put32(dst, off + 2, frameLimit);
    }
}

package org.spinnoise.firmware.wire;

/**
 * HELLO (0x01, host → board): the protocol version the host speaks and the largest payload it accepts. Resets both
 * sequence counters and stops any stream. A version other than 1 can be built (to test a board's refusal) but is
 * refused by the decoder with UNSUPPORTED_VERSION.
 */
public record Hello(int version, int maxPayloadBytes) implements Message {
    static final int BYTES = 3;

    public Hello {
        Fields.range("HELLO version", version, 1, 255);
        Fields.range("HELLO largest payload", maxPayloadBytes, WireLimits.MIN_HOST_PAYLOAD_BYTES,
                WireLimits.MAX_PAYLOAD_BYTES);
    }

    /** The HELLO of this codec's version. */
    public static Hello of(int maxPayloadBytes) {
        return new Hello(WireLimits.PROTOCOL_VERSION, maxPayloadBytes);
    }

    static Hello read(byte[] b, int off) {
        return new Hello(LittleEndian.u8(b, off), LittleEndian.u16(b, off + 1));
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }

    @Override
    public int payloadBytes() {
        return BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put8(dst, off, version);
        LittleEndian.put16(dst, off + 1, maxPayloadBytes);
    }
}

package org.spinnoise.firmware.wire;

import java.util.zip.CRC32C;

/**
 * Builds frames as PROTOCOL.md §2 lays them out (header, payload, CRC-32C, little-endian) and COBS-encodes them with
 * their delimiter. Reuses one scratch buffer, so {@link #encodeStream} allocates nothing; not thread-safe.
 */
public final class FrameEncoder {
    private final byte[] frame = new byte[WireLimits.MAX_FRAME_BYTES];
    private final CRC32C crc = new CRC32C();

    /** Wire bytes of {@code message} sent with sequence number {@code seq}, delimiter included. */
    public byte[] encode(Message message, int seq) {
        byte[] wire = new byte[WireLimits.MAX_WIRE_BYTES];
        int n = encode(message, seq, wire, 0);
        return java.util.Arrays.copyOf(wire, n);
    }

    /**
     * Writes the wire bytes of {@code message} into {@code wire} from {@code off}; room for
     * {@link Cobs#maxEncodedBytes(int)} of the frame plus the delimiter is needed.
     *
     * @return bytes written, delimiter included
     */
    public int encode(Message message, int seq, byte[] wire, int off) {
        int len = message.payloadBytes();
        header(message.type().code(), message.flags(), seq, len);
        message.writePayload(frame, WireLimits.HEADER_BYTES);
        return finish(len, wire, off);
    }

    /**
     * Writes a STREAM frame straight from packed bits {@code bits[bitsOff, bitsOff + ⌈bitCount/8⌉)}, checking its
     * fields like {@link Stream} does, without allocating.
     *
     * @return bytes written, delimiter included
     */
    public int encodeStream(int seq, long firstBit, long pulsesFired, long ambiguousReads, int bitCount, byte[] bits,
                            int bitsOff, byte[] wire, int off) {
        int packed = Stream.packedBytes(bitCount);
        Stream.check(firstBit, pulsesFired, ambiguousReads, bitCount, bits, bitsOff, packed);
        int len = WireLimits.STREAM_FIELD_BYTES + packed;
        header(MessageType.STREAM.code(), 0, seq, len);
        Stream.writeFields(frame, WireLimits.HEADER_BYTES, firstBit, pulsesFired, ambiguousReads, bitCount);
        System.arraycopy(bits, bitsOff, frame, WireLimits.HEADER_BYTES + WireLimits.STREAM_FIELD_BYTES, packed);
        return finish(len, wire, off);
    }

    /**
     * Writes a frame of any type byte, flags and payload, unchecked: for tests and fault injection that need frames
     * no valid message produces (unknown types, reserved flags, wrong sizes).
     */
    public int encodeRaw(int typeCode, int flags, int seq, byte[] payload, int payloadOff, int payloadLen,
                         byte[] wire, int off) {
        Fields.range("payload length", payloadLen, 0, WireLimits.MAX_PAYLOAD_BYTES);
        header(Fields.range("type", typeCode, 0, 255), Fields.range("flags", flags, 0, 255), seq, payloadLen);
        System.arraycopy(payload, payloadOff, frame, WireLimits.HEADER_BYTES, payloadLen);
        return finish(payloadLen, wire, off);
    }

    private void header(int type, int flags, int seq, int len) {
        Fields.u16("seq", seq);
        LittleEndian.put8(frame, 0, type);
        LittleEndian.put8(frame, 1, flags);
        LittleEndian.put16(frame, 2, seq);
        LittleEndian.put16(frame, 4, len);
    }

    private int finish(int payloadLen, byte[] wire, int off) {
        int crcAt = WireLimits.HEADER_BYTES + payloadLen;
        crc.reset();
        crc.update(frame, 0, crcAt);
        LittleEndian.put32(frame, crcAt, crc.getValue());
        int n = Cobs.encode(frame, 0, crcAt + WireLimits.CRC_BYTES, wire, off);
        wire[off + n] = 0;
        return n + 1;
    }
}

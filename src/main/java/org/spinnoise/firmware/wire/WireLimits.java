package org.spinnoise.firmware.wire;

/**
 * The sizes and limits of protocol version 1 (firmware-protocol/PROTOCOL.md §2 and §7), in one place so the codec, the
 * host client and the board emulator agree on them.
 */
public final class WireLimits {
    /** The protocol version this codec speaks, exchanged in HELLO and HELLO_REPLY. */
    public static final int PROTOCOL_VERSION = 1;
    /** type, flags, seq, length. */
    public static final int HEADER_BYTES = 6;
    /** The CRC-32C trailer. */
    public static final int CRC_BYTES = 4;
    /** Header plus trailer: a frame with an empty payload. */
    public static final int MIN_FRAME_BYTES = HEADER_BYTES + CRC_BYTES;
    /** The largest payload any frame may carry. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** The smallest payload limit a host may announce in HELLO. */
    public static final int MIN_HOST_PAYLOAD_BYTES = 64;
    /** The largest frame before COBS encoding. */
    public static final int MAX_FRAME_BYTES = MIN_FRAME_BYTES + MAX_PAYLOAD_BYTES;
    /** The largest frame on the wire: COBS adds at most one byte per 254, then one delimiter. */
    public static final int MAX_WIRE_BYTES = Cobs.maxEncodedBytes(MAX_FRAME_BYTES) + 1;
    /** first bit index (8), pulses fired (4), ambiguous reads (4), bit count (2). */
    public static final int STREAM_FIELD_BYTES = 18;
    /** The smallest STREAM payload: its fields and one byte of bits. */
    public static final int MIN_STREAM_PAYLOAD_BYTES = STREAM_FIELD_BYTES + 1;
    /** The most bits one STREAM frame can carry. */
    public static final int MAX_STREAM_BITS = 8 * (MAX_PAYLOAD_BYTES - STREAM_FIELD_BYTES);
    /** Junctions a board can address with the 32-bit junction mask. */
    public static final int MAX_JUNCTIONS = 32;
    /** Sequence numbers count modulo this. */
    public static final int SEQ_MODULUS = 1 << 16;

    private WireLimits() {
    }
}

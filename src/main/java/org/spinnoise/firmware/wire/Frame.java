package org.spinnoise.firmware.wire;

/**
 * A view of one decoded frame inside the decoder's reusable buffer: valid only during the listener call that receives
 * it, so a STREAM frame costs no allocation. Header fields are meaningful when {@link FrameStatus#headerValid()}.
 */
public final class Frame {
    private byte[] bytes;
    private int decodedBytes;
    private int wireBytes;
    private FrameStatus status;

    void set(byte[] bytes, int decodedBytes, int wireBytes, FrameStatus status) {
        this.bytes = bytes;
        this.decodedBytes = decodedBytes;
        this.wireBytes = wireBytes;
        this.status = status;
    }

    /** What the decoder made of these bytes. */
    public FrameStatus status() {
        return status;
    }

    /** Bytes this frame took on the wire, its delimiter included. */
    public int wireBytes() {
        return wireBytes;
    }

    /** The type byte (0 … 255). */
    public int typeCode() {
        return LittleEndian.u8(bytes, 0);
    }

    /** The message type, or {@code null} when the type byte is unknown. */
    public MessageType type() {
        return MessageType.ofCode(typeCode());
    }

    /** The flags byte. */
    public int flags() {
        return LittleEndian.u8(bytes, 1);
    }

    /** True when flags bit 0 says the frame answers a request. */
    public boolean answersRequest() {
        return (flags() & MessageType.FLAG_REPLY) != 0;
    }

    /** The sender's sequence number, 0 … 65535. */
    public int seq() {
        return LittleEndian.u16(bytes, 2);
    }

    /** The payload length in bytes. */
    public int payloadLength() {
        return LittleEndian.u16(bytes, 4);
    }

    /** The array holding the payload; read it from {@link #payloadOffset()}, do not keep it. */
    public byte[] array() {
        return bytes;
    }

    /** Where the payload starts in {@link #array()}. */
    public int payloadOffset() {
        return WireLimits.HEADER_BYTES;
    }

    /** Decoded frame size, header and CRC included. */
    public int decodedBytes() {
        return decodedBytes;
    }

    @Override
    public String toString() {
        return status.headerValid()
                ? String.format("%s type=0x%02X flags=%d seq=%d length=%d", status, typeCode(), flags(), seq(),
                        payloadLength())
                : status + " (" + wireBytes + " bytes on the wire)";
    }
}

package org.spinnoise.firmware.wire;

/**
 * Allocation-free reading of a STREAM frame: {@link #wrap(Frame)} checks the payload as {@link Messages} would and
 * then exposes the fields and the packed bits in place, in the decoder's buffer. Reuse one view per receiver; it is
 * valid only while the frame is.
 */
public final class StreamView {
    private byte[] array;
    private int off;
    private long firstBit;
    private long pulsesFired;
    private long ambiguousReads;
    private int bitCount;

    /**
     * Points this view at a good STREAM frame.
     *
     * @throws MessageFormatException when the frame is not STREAM, its size disagrees with its bit count or a field
     *     is out of range
     */
    public StreamView wrap(Frame frame) throws MessageFormatException {
        if (frame.status() != FrameStatus.GOOD || frame.type() != MessageType.STREAM) {
            throw new IllegalArgumentException("not a good STREAM frame: " + frame);
        }
        Messages.checkSize(MessageType.STREAM, frame.array(), frame.payloadOffset(), frame.payloadLength());
        try {
            return wrap(frame.array(), frame.payloadOffset(), frame.payloadLength());
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException(ErrorCode.OUT_OF_RANGE, "STREAM: " + e.getMessage());
        }
    }

    /** Wraps a payload whose size {@link Messages#checkSize} accepted; throws IllegalArgumentException on a bad field. */
    StreamView wrap(byte[] b, int payloadOff, int len) {
        long first = LittleEndian.u64(b, payloadOff);
        long pulses = LittleEndian.u32(b, payloadOff + 8);
        long ambiguous = LittleEndian.u32(b, payloadOff + 12);
        int n = LittleEndian.u16(b, payloadOff + 16);
        int bitsOff = payloadOff + WireLimits.STREAM_FIELD_BYTES;
        Stream.check(first, pulses, ambiguous, n, b, bitsOff, len - WireLimits.STREAM_FIELD_BYTES);
        this.array = b;
        this.off = bitsOff;
        this.firstBit = first;
        this.pulsesFired = pulses;
        this.ambiguousReads = ambiguous;
        this.bitCount = n;
        return this;
    }

    /** Index of this frame's first bit since START. */
    public long firstBit() {
        return firstBit;
    }

    /** Pulses the board fired for this frame. */
    public long pulsesFired() {
        return pulsesFired;
    }

    /** Reads inside the threshold's guard band in this frame. */
    public long ambiguousReads() {
        return ambiguousReads;
    }

    /** Bits in this frame. */
    public int bitCount() {
        return bitCount;
    }

    /** The array holding the packed bits, most significant bit first, from {@link #bitsOffset()}. */
    public byte[] array() {
        return array;
    }

    /** Where the packed bits start in {@link #array()}. */
    public int bitsOffset() {
        return off;
    }

    /** Bytes the packed bits take. */
    public int bitsLength() {
        return Stream.packedBytes(bitCount);
    }

    /** Bit {@code i} of this frame (0 = first), 0 or 1. */
    public int bit(int i) {
        return (array[off + (i >>> 3)] >>> (7 - (i & 7))) & 1;
    }

    /** A {@link Stream} record holding a copy of this frame. */
    public Stream toMessage() {
        byte[] bits = new byte[bitsLength()];
        System.arraycopy(array, off, bits, 0, bits.length);
        return new Stream(firstBit, pulsesFired, ambiguousReads, bitCount, bits);
    }
}

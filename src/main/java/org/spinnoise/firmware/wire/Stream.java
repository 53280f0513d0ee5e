package org.spinnoise.firmware.wire;

import java.util.Arrays;

/**
 * STREAM (0x84, board → host): {@code bitCount} bits packed most significant bit first, the index of the first one
 * since START, and the frame's counters (PROTOCOL.md §4.6). This record copies its bits; the host's hot path reads
 * frames through {@link StreamView} instead, without allocating.
 */
public record Stream(long firstBit, long pulsesFired, long ambiguousReads, int bitCount, byte[] bits)
        implements Message {

    public Stream {
        bits = bits.clone();
        check(firstBit, pulsesFired, ambiguousReads, bitCount, bits, 0, bits.length);
    }

    /** Bytes the packed bits take: ⌈n / 8⌉. */
    public static int packedBytes(int bitCount) {
        return (bitCount + 7) >>> 3;
    }

    /** Checks the fields of a STREAM frame as §4.6 limits them; the bits are {@code bits[off, off + len)}. */
    static void check(long firstBit, long pulsesFired, long ambiguousReads, int bitCount, byte[] bits, int off,
                      int len) {
        Fields.range("first bit index", firstBit, 0, Long.MAX_VALUE);
        Fields.range("bit count", bitCount, 1, WireLimits.MAX_STREAM_BITS);
        Fields.range("pulses fired", pulsesFired, bitCount, Fields.U32_MAX);
        Fields.range("ambiguous reads", ambiguousReads, 0, pulsesFired);
        if (len != packedBytes(bitCount)) {
            throw new IllegalArgumentException(bitCount + " bits take " + packedBytes(bitCount) + " bytes, got " + len);
        }
        int unused = 8 * len - bitCount;
        if (unused > 0 && (bits[off + len - 1] & ((1 << unused) - 1)) != 0) {
            throw new IllegalArgumentException("the " + unused + " unused low bits of the last byte must be 0");
        }
    }

    /** The bits (a copy). */
    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** Bit {@code i} of this frame (0 = first), 0 or 1. */
    public int bit(int i) {
        return (bits[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    @Override
    public MessageType type() {
        return MessageType.STREAM;
    }

    @Override
    public int payloadBytes() {
        return WireLimits.STREAM_FIELD_BYTES + bits.length;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        writeFields(dst, off, firstBit, pulsesFired, ambiguousReads, bitCount);
        System.arraycopy(bits, 0, dst, off + WireLimits.STREAM_FIELD_BYTES, bits.length);
    }

    static void writeFields(byte[] dst, int off, long firstBit, long pulsesFired, long ambiguousReads, int bitCount) {
        LittleEndian.put64(dst, off, firstBit);
        LittleEndian.put32(dst, off + 8, pulsesFired);
        LittleEndian.put32(dst, off + 12, ambiguousReads);
        LittleEndian.put16(dst, off + 16, bitCount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stream s && s.firstBit == firstBit && s.pulsesFired == pulsesFired
                && s.ambiguousReads == ambiguousReads && s.bitCount == bitCount && Arrays.equals(s.bits, bits);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstBit) * 31 + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Stream[firstBit=" + firstBit + ", pulsesFired=" + pulsesFired + ", ambiguousReads=" + ambiguousReads
                + ", bitCount=" + bitCount + "]";
    }
}

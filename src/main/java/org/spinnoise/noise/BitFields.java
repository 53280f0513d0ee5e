package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;

/**
 * Fields of 1 to 32 bits read from a {@link ByteStream} in stream order, most significant bit of each byte first (the
 * order a run's {@code bits.bin} stores its acquired bits in), so a field never reorders the bits it takes. A request
 * first {@link #reserve reserves} the whole bytes its fields need beyond the bits carried over from the last request;
 * the bits of a byte a request leaves unused are carried to the next one, never dropped and never used twice.
 */
final class BitFields {
    private static final int SCRATCH_BYTES = 64 << 10;

    private final ByteStream stream;
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private int scratchPosition;
    private int scratchEnd;
    private long bytesLeftInRequest;
    /** The next {@code bitsBuffered} bits are the low bits of this word, the next one highest. */
    private long bitBuffer;
    private int bitsBuffered;

    BitFields(ByteStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    ByteStream stream() {
        return stream;
    }

    /**
     * Makes sure the next {@code bits} bits can be read: reserves exactly the whole bytes they need beyond the carried
     * bits, or fails with nothing consumed.
     */
    void reserve(long bits) throws IOException {
        long bitsNeeded = bits - bitsBuffered;
        long bytes = bitsNeeded <= 0 ? 0 : (bitsNeeded + 7) / 8;
        stream.reserve(bytes);
        bytesLeftInRequest = bytes;
        scratchPosition = 0;
        scratchEnd = 0;
    }

    /** The next field of {@code bits} bits (1 .. 32) as an unsigned number, its first bit the most significant. */
    int next(int bits) throws IOException {
        while (bitsBuffered < bits) {
            bitBuffer = (bitBuffer << Byte.SIZE) | (nextByte() & 0xff);
            bitsBuffered += Byte.SIZE;
        }
        bitsBuffered -= bits;
        return (int) ((bitBuffer >>> bitsBuffered) & ((1L << bits) - 1));
    }

    /** Bits read from the stream but not yet handed out in a field (0 .. 7 between requests). */
    int carriedBits() {
        return bitsBuffered;
    }

    private byte nextByte() throws IOException {
        if (scratchPosition == scratchEnd) {
            int n = (int) Math.min(SCRATCH_BYTES, bytesLeftInRequest);
            if (n == 0) {
                throw new IllegalStateException("a field was read beyond the bits reserved for it");
            }
            stream.read(scratch, 0, n);
            bytesLeftInRequest -= n;
            scratchPosition = 0;
            scratchEnd = n;
        }
        return scratch[scratchPosition++];
    }
}

package org.spinnoise.bits;

import java.util.List;

/**
 * A batch of raw bits a {@link BitSource} has made and confirmed: packed eight to a byte, most significant bit first
 * (the last byte zero-padded), with the read behind each bit when the source has reads (a bench; a board reports only
 * bits) and what happened while it was made. Only confirmed bits are ever in a batch: a source that cannot confirm one
 * discards it and says so in its events.
 *
 * @param firstIndex index of the batch's first bit in the source's whole output
 * @param bitCount   bits in the batch
 * @param packed     the bits, {@code ceil(bitCount / 8)} bytes
 * @param reads      one read per bit, in order, or empty when the source has none
 * @param events     what happened while the batch was made (discarded batches, reconnects), oldest first
 */
public record BitBatch(long firstIndex, int bitCount, byte[] packed, List<RawRead> reads, List<SourceEvent> events) {

    public BitBatch {
        if (bitCount < 0 || packed.length != (bitCount + 7) / 8) {
            throw new IllegalArgumentException("a batch of " + bitCount + " bits needs " + (bitCount + 7) / 8
                    + " packed bytes, got " + packed.length);
        }
        if (!reads.isEmpty() && reads.size() != bitCount) {
            throw new IllegalArgumentException("a batch of " + bitCount + " bits has " + reads.size() + " reads");
        }
        reads = List.copyOf(reads);
        events = List.copyOf(events);
    }

    /** Ones in the batch. */
    public long ones() {
        long ones = 0;
        for (byte b : packed) {
            ones += Integer.bitCount(b & 0xFF);
        }
        return ones;
    }

    /** Packs the bits of reads, in order, into a batch. */
    public static BitBatch ofReads(long firstIndex, List<RawRead> reads, List<SourceEvent> events) {
        byte[] packed = new byte[(reads.size() + 7) / 8];
        for (int i = 0; i < reads.size(); i++) {
            int bit = reads.get(i).bit();
            if (bit != 0 && bit != 1) {
                throw new IllegalArgumentException("read " + reads.get(i).index() + " has bit " + bit);
            }
            packed[i >>> 3] |= (byte) (bit << (7 - (i & 7)));
        }
        return new BitBatch(firstIndex, reads.size(), packed, reads, events);
    }
}

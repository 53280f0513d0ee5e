package org.spinnoise.entropy.pool;

/**
 * Sizes of one pool. {@code maxStoredBytes} bounds the bytes held in segment files on disk (record headers
 * included); {@code segmentBytes} is the size at which the writer starts a new segment file, and so the unit in which
 * {@link EntropyPool#compact()} gives disk space back; {@code reserveChunkBytes} is the furthest the durable cursor is
 * advanced ahead of the consumers at once (reservations start at 4 KiB and grow with demand up to it), trading fsyncs
 * on the take path against bytes skipped after a crash.
 *
 * @param maxStoredBytes    capacity of the pool, in bytes of segment files
 * @param segmentBytes      roll-over size of a segment file, 4 KiB to 1 GiB; no single record may exceed it
 * @param reserveChunkBytes largest reservation per durable cursor write; 0 writes the cursor on every take
 */
public record PoolConfig(long maxStoredBytes, long segmentBytes, int reserveChunkBytes) {
    /** Largest segment: recovery reads one whole segment into memory to verify it. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;
    public static final long MIN_SEGMENT_BYTES = 4096;

    public PoolConfig {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes must be between " + MIN_SEGMENT_BYTES + " and "
                    + MAX_SEGMENT_BYTES + ", got " + segmentBytes);
        }
        if (maxStoredBytes < segmentBytes) {
            throw new IllegalArgumentException("maxStoredBytes (" + maxStoredBytes
                    + ") must hold at least one segment of " + segmentBytes + " bytes");
        }
        if (reserveChunkBytes < 0) {
            throw new IllegalArgumentException("reserveChunkBytes must be >= 0, got " + reserveChunkBytes);
        }
    }

    /** 4 GiB capacity, 64 MiB segments, cursor advanced at most 64 KiB at a time. */
    public static PoolConfig defaults() {
        return new PoolConfig(4L << 30, 64L << 20, 64 << 10);
    }
}

package org.spinnoise.entropy.pool;

/**
 * How far ahead of its consumers a pool reserves, durably, at each cursor write: the trade between fsyncs on the take
 * path and bytes a crash writes off. It follows demand: the first reservation after opening is small
 * ({@link #FIRST_BYTES}), each one used up within {@link #BRISK_NANOS} of the previous doubles it up to the configured
 * most, and one that lasted longer than {@link #SLOW_NANOS} halves it. A consumer that takes a few bytes once thus
 * puts at most a few KiB at risk, while a busy one still pays about one fsync per reservation.
 */
final class ReservationSize {
    static final int FIRST_BYTES = 4 << 10;
    static final long BRISK_NANOS = 1_000_000_000L;
    static final long SLOW_NANOS = 8 * BRISK_NANOS;

    private final int maxBytes;
    private int currentBytes;
    private long lastRenewalNanos;
    private boolean renewedBefore;

    /** @param maxBytes the largest reservation, {@link PoolConfig#reserveChunkBytes()}; 0 reserves nothing ahead */
    ReservationSize(int maxBytes) {
        this.maxBytes = maxBytes;
        this.currentBytes = Math.min(FIRST_BYTES, maxBytes);
    }

    /** The size of the reservation to make now, {@code nowNanos} from {@link System#nanoTime()}. */
    int next(long nowNanos) {
        if (renewedBefore) {
            long sinceLast = nowNanos - lastRenewalNanos;
            if (sinceLast < BRISK_NANOS) {
                currentBytes = (int) Math.min(maxBytes, 2L * currentBytes);
            } else if (sinceLast > SLOW_NANOS) {
                currentBytes = Math.max(Math.min(FIRST_BYTES, maxBytes), currentBytes / 2);
            }
        }
        renewedBefore = true;
        lastRenewalNanos = nowNanos;
        return currentBytes;
    }
}

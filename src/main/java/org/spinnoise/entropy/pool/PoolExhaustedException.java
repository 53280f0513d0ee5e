package org.spinnoise.entropy.pool;

/**
 * A consumer asked for more bytes than the pool holds. Raised at once instead of waiting for ingest; the pool is
 * unchanged and the request may be retried, made smaller, or served by {@link EntropyPool#takeUpTo}.
 */
public final class PoolExhaustedException extends PoolException {
    private final long availableBytes;

    public PoolExhaustedException(String message, long availableBytes) {
        super(message);
        this.availableBytes = availableBytes;
    }

    /** Bytes the pool held when the request was refused. */
    public long availableBytes() {
        return availableBytes;
    }
}

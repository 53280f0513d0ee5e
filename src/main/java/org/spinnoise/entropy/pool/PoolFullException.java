package org.spinnoise.entropy.pool;

/**
 * An append would take the pool's segment files past the configured capacity even after compacting the segments
 * consumers have finished with. Nothing was written; serve bytes (and compact) before ingesting more.
 */
public final class PoolFullException extends PoolException {
    public PoolFullException(String message) {
        super(message);
    }
}

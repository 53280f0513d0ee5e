package org.spinnoise.entropy.pool;

import java.io.IOException;

/**
 * Anything that goes wrong with a persistent entropy pool: its directory is locked by another process, a file in it
 * is corrupt or unreadable, a disk write failed. The message names the pool or file and says what to do.
 */
public class PoolException extends IOException {
    public PoolException(String message) {
        super(message);
    }

    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}

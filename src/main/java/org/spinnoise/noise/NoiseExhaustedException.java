package org.spinnoise.noise;

import java.io.IOException;

/** A {@code trng} request the pool could not cover; nothing was handed out. The message says what to do. */
public final class NoiseExhaustedException extends IOException {
    public NoiseExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}

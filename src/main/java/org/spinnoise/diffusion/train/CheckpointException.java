package org.spinnoise.diffusion.train;

import java.io.IOException;

/** A checkpoint file that cannot be used; the message names the file and what is wrong with it. */
public final class CheckpointException extends IOException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

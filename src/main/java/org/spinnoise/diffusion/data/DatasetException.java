package org.spinnoise.diffusion.data;

import java.io.IOException;

/** A data set file that is missing or not what it should be; the message names the file and what to do. */
public final class DatasetException extends IOException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

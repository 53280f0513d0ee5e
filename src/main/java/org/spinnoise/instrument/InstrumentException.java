package org.spinnoise.instrument;

import java.io.IOException;

/**
 * The instrument layer's one exception: a driver could not do what was asked. The message is the one line a user
 * sees, naming the instrument, the command and what to do; the SCPI or link failure beneath it is the cause.
 */
public final class InstrumentException extends IOException {
    public InstrumentException(String message, Throwable cause) {
        super(message, cause);
    }

    public InstrumentException(String message) {
        super(message);
    }
}

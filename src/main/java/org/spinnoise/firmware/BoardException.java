package org.spinnoise.firmware;

import java.io.IOException;

/**
 * The pulser-board client's one exception: the board could not be reached, refused a request, spoke another protocol
 * version, fell silent, or its port vanished. The message is the one line a user sees: it names the board's address
 * and says what to check.
 */
public final class BoardException extends IOException {
    private static final long serialVersionUID = 1L;

    public BoardException(String message) {
        super(message);
    }

    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}

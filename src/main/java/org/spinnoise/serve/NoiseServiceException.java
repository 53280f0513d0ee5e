package org.spinnoise.serve;

import java.io.IOException;

/**
 * A noise service request that failed: the server's error reply (its code and one-line message), or no reply in
 * time, or a reply the client could not read. The message names the endpoint and says what to do.
 */
public final class NoiseServiceException extends IOException {
    private final ErrorCode code;

    public NoiseServiceException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The server's error code; {@link ErrorCode#INTERNAL} for failures on the client's side (timeouts). */
    public ErrorCode code() {
        return code;
    }
}

package org.spinnoise.link;

import java.io.IOException;

/**
 * The link layer's one exception: something went wrong moving bytes to or from an instrument. The message names the
 * address and says what to check; {@link #isTimeout()} tells a silent instrument from a broken connection, because
 * the SCPI session recovers differently from the two.
 */
public final class LinkException extends IOException {
    private final boolean timeout;

    public LinkException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public LinkException(String message) {
        this(message, false, null);
    }

    static LinkException timeout(String message) {
        return new LinkException(message, true, null);
    }

    /** True when the instrument stayed silent past the deadline (the link itself is still usable). */
    public boolean isTimeout() {
        return timeout;
    }
}

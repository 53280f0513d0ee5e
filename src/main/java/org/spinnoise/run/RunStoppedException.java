package org.spinnoise.run;

import java.io.IOException;

/**
 * A run ended early because a stop was asked for (SIGINT, SIGTERM): not a failure of the bench, but the run is not
 * complete. Its message is the line a user sees: what stopped it, how many confirmed bits the run folder keeps, and
 * that the outputs were put in their safe state.
 */
public final class RunStoppedException extends IOException {
    public RunStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.spinnoise.sim;

/**
 * The one exception type of the simulated bench: a bench file that cannot be read, an instrument model that is
 * missing, a server or pseudo-terminal that cannot be started. Its message names the file, role or tool involved and,
 * where there is one, what to do about it.
 */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}

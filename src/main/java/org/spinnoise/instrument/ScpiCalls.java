package org.spinnoise.instrument;

import org.spinnoise.scpi.ScpiException;

/** Runs driver steps and turns the SCPI layer's failure into this layer's, keeping the message the user sees. */
public final class ScpiCalls {
    private ScpiCalls() {
    }

    /** One SCPI step with a result. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws ScpiException;
    }

    /** One SCPI step without a result. */
    @FunctionalInterface
    public interface Action {
        void run() throws ScpiException;
    }

    public static <T> T call(Step<T> step) throws InstrumentException {
        try {
            return step.run();
        } catch (ScpiException e) {
            throw new InstrumentException(e.getMessage(), e);
        }
    }

    public static void run(Action action) throws InstrumentException {
        try {
            action.run();
        } catch (ScpiException e) {
            throw new InstrumentException(e.getMessage(), e);
        }
    }
}

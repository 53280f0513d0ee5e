package org.spinnoise.instrument;

import java.util.ArrayList;
import java.util.List;
import org.spinnoise.scpi.ScpiException;

/**
 * The steps that put one output in its safe state (output off, level to zero), run one after another with each
 * attempted whatever became of the others: a channel whose output-off timed out must still get its levels zeroed,
 * and the other way round. {@link #finish()} says what was done, or throws naming every step that failed.
 */
public final class SafeSteps {
    private final List<String> done = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private ScpiException firstFailure;

    /** Runs one step; {@code what} names it in the outcome ("off", "0 V"). */
    public SafeSteps step(String what, ScpiCalls.Action action) {
        try {
            action.run();
            done.add(what);
        } catch (ScpiException e) {
            failed.add(what + " FAILED (" + e.getMessage() + ")");
            if (firstFailure == null) {
                firstFailure = e;
            }
        }
        return this;
    }

    /** The steps done, joined ("off, 0 V"); throws when any failed, with what the others did. */
    public String finish() throws InstrumentException {
        if (firstFailure == null) {
            return String.join(", ", done);
        }
        String message = String.join("; ", failed) + (done.isEmpty() ? "" : "; done: " + String.join(", ", done));
        throw new InstrumentException(message, firstFailure);
    }
}

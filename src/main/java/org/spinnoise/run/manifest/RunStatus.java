package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * How far a run got: its kind ("bench" or "board"), when it started, its status ("running", then "complete",
 * "failed" or "interrupted"), the error and who stopped it, the safe state of every output before the run began and
 * after it ended, and when it finished (written after the safe state, so a finish is never claimed early).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunStatus(String kind, String started, String status, String error, String stoppedBy,
                        Map<String, String> safeStart, Map<String, String> safeState, String finished) {

    /** A run that has just started. */
    public static RunStatus running(String kind, String started) {
        return new RunStatus(kind, started, "running", null, null, null, null, null);
    }

    /** A run that failed before it could start (e.g. an instrument did not answer). */
    public static RunStatus failedToStart(String kind, String error) {
        return new RunStatus(kind, null, "failed", error, null, null, null, null);
    }

    public RunStatus withSafeStart(Map<String, String> outputs) {
        return new RunStatus(kind, started, status, error, stoppedBy, outputs, safeState, finished);
    }

    public RunStatus withSafeState(Map<String, String> outputs) {
        return new RunStatus(kind, started, status, error, stoppedBy, safeStart, outputs, finished);
    }

    /** The outcome: status, error (null when none) and who stopped the run (null when nobody). */
    public RunStatus withOutcome(String newStatus, String newError, String newStoppedBy) {
        return new RunStatus(kind, started, newStatus, newError, newStoppedBy, safeStart, safeState, finished);
    }

    public RunStatus withFinished(String time) {
        return new RunStatus(kind, started, status, error, stoppedBy, safeStart, safeState, time);
    }

    /** Running again after a resume: the outcome and finish of the earlier attempt are cleared. */
    public RunStatus resumed() {
        return new RunStatus(kind, started, "running", null, null, safeStart, null, null);
    }
}

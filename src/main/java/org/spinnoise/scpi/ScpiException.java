package org.spinnoise.scpi;

import java.io.IOException;
import java.util.List;

/**
 * The SCPI layer's one exception. Its message is the line a user sees: which instrument, which command, what went
 * wrong and what to do. {@link #kind()} lets callers tell a silent instrument from one that said no.
 */
public final class ScpiException extends IOException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** The instrument did not answer in time. */
        TIMEOUT,
        /** The instrument put an entry in its error queue for this command. */
        INSTRUMENT_ERROR,
        /** The reply could not be understood. */
        GARBLED_REPLY,
        /** The value was refused before it was sent (range or safety limit). */
        OUT_OF_RANGE,
        /** The connection itself failed. */
        LINK
    }

    private final Kind kind;
    private final String instrument;
    private final String command;
    private final List<ScpiError> errors;

    ScpiException(Kind kind, String instrument, String command, String message, List<ScpiError> errors,
                  Throwable cause) {
        super(instrument + ": " + (command == null ? "" : "'" + command + "': ") + message, cause);
        this.kind = kind;
        this.instrument = instrument;
        this.command = command;
        this.errors = List.copyOf(errors);
    }

    ScpiException(Kind kind, String instrument, String command, String message) {
        this(kind, instrument, command, message, List.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    public String instrument() {
        return instrument;
    }

    /** The command that caused it, or null when none was involved. */
    public String command() {
        return command;
    }

    /** The error-queue entries the instrument reported, for {@link Kind#INSTRUMENT_ERROR}. */
    public List<ScpiError> errors() {
        return errors;
    }
}

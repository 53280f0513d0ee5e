package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.instrument.SafeStateReport;

/**
 * A run ended with outputs that could not be confirmed off. A live output can destroy the junction, so this must
 * reach the user's one line and not only the log and manifest: a run that otherwise completed fails with it, and a
 * run that failed anyway carries it as a suppressed exception, which {@link #userLine} appends to the failure's
 * message.
 */
public final class OutputsLeftOnException extends IOException {

    OutputsLeftOnException(Path runDir, SafeStateReport safe) {
        super("outputs NOT confirmed off at the end of " + runDir + ": " + safe.failures()
                + "; switch them off at the instrument (front panel or power) before touching the junction");
    }

    /** The message a user sees for {@code failure}: its own, then any outputs left on that it or its causes carry. */
    public static String userLine(Throwable failure) {
        String line = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (failure instanceof OutputsLeftOnException) {
            return line;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof OutputsLeftOnException leftOn) {
                    return line + "; " + leftOn.getMessage();
                }
            }
        }
        return line;
    }
}

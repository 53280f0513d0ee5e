package org.spinnoise.report;

import java.io.IOException;

/**
 * A run-folder file the plots cannot read (a malformed CSV line, a missing column, a value out of its range). Its
 * message is one line naming the file and line and what is wrong there.
 */
public final class PlotInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public PlotInputException(String message) {
        super(message);
    }
}

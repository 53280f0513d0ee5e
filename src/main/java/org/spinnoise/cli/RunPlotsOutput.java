package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.report.PlotInputException;
import org.spinnoise.report.RunPlots;

/**
 * Draws a finished run's plots ({@link RunPlots}) and lists the files. A run's bits and calibration matter more than
 * its pictures, so a plot that cannot be drawn is one warning line and a log entry, never the run's failure.
 */
final class RunPlotsOutput {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlotsOutput.class);

    private RunPlotsOutput() {
    }

    static void drawAfterRun(PrintWriter out, Path runFolder) {
        try {
            for (Path png : RunPlots.writeAll(runFolder)) {
                out.printf("plot           %s%n", png);
            }
        } catch (PlotInputException e) {
            // the message names the file and line; a stack trace would add nothing
            LOG.warn("plots of {} not drawn: {}", runFolder, e.getMessage());
            warn(out, runFolder, e);
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            // LinkageError and AWTError: a JVM without its font or imaging libraries fails here, not at start-up
            LOG.warn("plots of {} not drawn", runFolder, e);
            warn(out, runFolder, e);
        }
        out.flush();
    }

    private static void warn(PrintWriter out, Path runFolder, Throwable e) {
        out.printf("plots          not drawn, the run is unaffected (spinnoise plot %s redraws them): %s%n",
                runFolder, e.getMessage());
    }
}

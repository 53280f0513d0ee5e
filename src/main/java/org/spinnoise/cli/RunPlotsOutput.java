package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.report.RunReport;

/**
 * Writes a finished run's plots and HTML report ({@link RunReport}) and lists the files. A run's bits and calibration
 * matter more than its pictures, so a plot or report that cannot be written is one warning line and a log entry,
 * never the run's failure. Called last, after the ingest, so the report shows what the pool took.
 */
final class RunPlotsOutput {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlotsOutput.class);

    private RunPlotsOutput() {
    }

    static void drawAfterRun(PrintWriter out, Path runFolder) {
        try {
            RunReport.Written written = RunReport.write(runFolder);
            for (Path png : written.plots()) {
                out.printf("plot           %s%n", png);
            }
            for (String problem : written.problems()) {
                // the message names the file and line; a stack trace would add nothing
                LOG.warn("plots of {} not drawn: {}", runFolder, problem);
                out.printf("plots          not drawn, the run is unaffected (spinnoise report %s redraws them): %s%n",
                        runFolder, problem);
            }
            EnergyLines.print(out, runFolder, 14);
            out.printf("report         %s%n", written.report());
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            // LinkageError and AWTError: a JVM without its font or imaging libraries fails here, not at start-up
            LOG.warn("report of {} not written", runFolder, e);
            out.printf("report         not written, the run is unaffected (spinnoise report %s writes it): %s%n",
                    runFolder, e.getMessage());
        }
        out.flush();
    }
}

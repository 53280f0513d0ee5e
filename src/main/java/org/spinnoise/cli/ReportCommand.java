package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinnoise.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise report RUN_FOLDER}: (re)writes a run folder's plots and its self-contained {@code report.html}, e.g.
 * for a folder from before reports existed or after a plot failed. {@code spinnoise plot} draws the PNG files alone.
 */
@Command(name = "report", description = "Write a run folder's plots and its self-contained report.html (figures from "
        + "the manifest, every plot embedded; opens offline in any browser).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise report runs/20261207-041500-demo",
                "  xdg-open runs/20261207-041500-demo/report.html"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "The run folder to report on (it holds manifest.json).")
    Path runFolder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(runFolder)) {
            throw new IllegalArgumentException("report: " + runFolder + " is not a folder; give a run folder (it holds "
                    + "manifest.json)");
        }
        PrintWriter out = spec.commandLine().getOut();
        RunReport.Written written = RunReport.write(runFolder);
        for (Path png : written.plots()) {
            out.printf("plot           %s%n", png);
        }
        for (String problem : written.problems()) {
            out.printf("not drawn      %s%n", problem);
        }
        out.printf("report         %s%n", written.report());
        return written.problems().isEmpty() ? 0 : OneLineErrors.FAILURE;
    }
}

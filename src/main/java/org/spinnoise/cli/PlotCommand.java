package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.report.RunPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise plot RUN_FOLDER}: draws (again) the PNG plots of a run folder from its CSV files, e.g. after the
 * files were edited or a plot failed during the run. A malformed CSV file is one error line naming its file and line.
 */
@Command(name = "plot", description = "Draw a run folder's PNG plots (switching curve, width map, resistance histogram, "
        + "drift tracking, toggle map, health tests when health-blocks.csv is there); 'spinnoise report' also "
        + "writes report.html.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise plot runs/20261207-041500-demo"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "The run folder whose plots to draw.")
    Path runFolder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = RunPlots.writeAll(runFolder);
        if (written.isEmpty()) {
            out.printf("no plots: %s holds none of %s%n", runFolder, String.join(", ", RunPlots.inputs()));
        }
        for (Path png : written) {
            out.printf("plot           %s%n", png);
        }
        return 0;
    }
}

package org.spinnoise.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a run folder's plots as PNG files beside its data: the switching curve (sweep.csv), the width map
 * (width-map.csv, width-map-fit.csv), the resistance histogram (levels.csv, threshold.csv), drift tracking
 * (tracking.csv), the toggle map (toggle-map.csv) and the health tests per block (health-blocks.csv, with
 * quarantine.csv); in an array run also each junction's, from its
 * junction-ID-levels.csv and junction-ID-sweep.csv. Each plot whose input is in the folder is drawn and the others
 * are skipped; the formats are the run-folder CSV contract (US-ASCII, a header naming the columns). Drawing needs no
 * display.
 */
public final class RunPlots {
    private static final Logger LOG = LoggerFactory.getLogger(RunPlots.class);
    private static final String JUNCTION_PREFIX = "junction-";

    private RunPlots() {
    }

    /**
     * Draws every plot whose inputs exist in {@code runFolder}, replacing earlier ones, and returns the files written
     * in a fixed order. When an input is malformed the other plots are still drawn, then a
     * {@link PlotInputException} naming the first bad file and line is thrown.
     *
     * @throws IOException when {@code runFolder} is not a folder, an input is malformed or a file cannot be written
     */
    public static List<Path> writeAll(Path runFolder) throws IOException {
        if (!Files.isDirectory(runFolder)) {
            throw new IOException(runFolder + " is not a folder; give a run folder (it holds manifest.json)");
        }
        ManifestFacts manifest = ManifestFacts.read(runFolder);
        List<Path> written = new ArrayList<>();
        List<PlotInputException> refused = new ArrayList<>();
        for (String prefix : prefixes(runFolder)) {
            // the manifest's calibration figures are the single junction's; a junction's own files stand alone
            ManifestFacts facts = prefix.isEmpty() ? manifest : ManifestFacts.none();
            for (Plot plot : Plot.values()) {
                Path input = runFolder.resolve(prefix + plot.input);
                if (!Files.isRegularFile(input) || headerOnly(input)) {
                    // absent, or a run that ended before its first row (a tracking window longer than the run)
                    continue;
                }
                try {
                    Figure figure = plot.draw(runFolder, prefix, facts);
                    if (!prefix.isEmpty()) {
                        figure.titleSuffix(", junction " + prefix.substring(JUNCTION_PREFIX.length(),
                                prefix.length() - 1));
                    }
                    Path png = figure.writePng(runFolder.resolve(prefix + plot.file));
                    LOG.info("plots: wrote {}", png);
                    written.add(png);
                } catch (PlotInputException e) {
                    // the caller hears of it from the exception; logging it here too would say it twice
                    LOG.debug("plots: {} not drawn: {}", prefix + plot.file, e.getMessage());
                    refused.add(e);
                }
            }
        }
        if (!refused.isEmpty()) {
            PlotInputException first = refused.get(0);
            PlotInputException thrown = new PlotInputException(first.getMessage() + (written.isEmpty() ? ""
                    : " (the other plots were drawn: " + names(written) + ")"));
            refused.forEach(thrown::addSuppressed);
            throw thrown;
        }
        return written;
    }

    /** True for a file holding its header line and nothing else. */
    private static boolean headerOnly(Path file) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.US_ASCII)) {
            if (in.readLine() == null) {
                return false;
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * "" for the run's own files, then each junction's prefix ("junction-ID-") in name order: an array run writes
     * each junction's calibration tables as junction-ID-levels.csv, junction-ID-sweep.csv, and its plots go beside
     * them under the same prefix.
     */
    static List<String> prefixes(Path runFolder) throws IOException {
        TreeSet<String> junctions = new TreeSet<>();
        try (Stream<Path> files = Files.list(runFolder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                for (Plot plot : Plot.values()) {
                    if (name.startsWith(JUNCTION_PREFIX) && name.endsWith("-" + plot.input)
                            && name.length() > JUNCTION_PREFIX.length() + plot.input.length() + 1) {
                        junctions.add(name.substring(0, name.length() - plot.input.length()));
                    }
                }
            }
        }
        List<String> prefixes = new ArrayList<>();
        prefixes.add("");
        prefixes.addAll(junctions);
        return prefixes;
    }

    /** The files whose presence asks for a plot, in drawing order. */
    public static List<String> inputs() {
        List<String> names = new ArrayList<>();
        for (Plot plot : Plot.values()) {
            names.add(plot.input);
        }
        return names;
    }

    private static String names(List<Path> files) {
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.getFileName().toString()));
        return String.join(", ", names);
    }

    /** Each plot: its file, the input whose presence asks for it, and how it is drawn. */
    private enum Plot {
        SWITCHING_CURVE(SwitchingCurvePlot.FILE, SwitchingCurvePlot.INPUT) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return SwitchingCurvePlot.figure(CsvTable.read(folder.resolve(prefix + input)), manifest);
            }
        },
        WIDTH_MAP(WidthMapPlot.FILE, WidthMapPlot.INPUT) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return WidthMapPlot.figure(CsvTable.read(folder.resolve(prefix + input)),
                        optional(folder, prefix + WidthMapPlot.FIT));
            }
        },
        RESISTANCE_HISTOGRAM(ResistanceHistogramPlot.FILE, ResistanceHistogramPlot.LEVELS) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return ResistanceHistogramPlot.figure(CsvTable.read(folder.resolve(prefix + input)),
                        optional(folder, prefix + ResistanceHistogramPlot.THRESHOLD), manifest);
            }
        },
        TRACKING(TrackingPlot.FILE, TrackingPlot.INPUT) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return TrackingPlot.figure(CsvTable.read(folder.resolve(prefix + input)));
            }
        },
        TOGGLE_MAP(ToggleMapPlot.FILE, ToggleMapPlot.INPUT) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return ToggleMapPlot.figure(CsvTable.read(folder.resolve(prefix + input)));
            }
        },
        HEALTH_TESTS(HealthTestsPlot.FILE, HealthTestsPlot.INPUT) {
            @Override
            Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException {
                return HealthTestsPlot.figure(CsvTable.read(folder.resolve(prefix + input)),
                        HealthTestsPlot.quarantined(folder.resolve(prefix + HealthTestsPlot.QUARANTINE)), manifest);
            }
        };

        final String file;
        final String input;

        Plot(String file, String input) {
            this.file = file;
            this.input = input;
        }

        abstract Figure draw(Path folder, String prefix, ManifestFacts manifest) throws IOException;

        static CsvTable optional(Path folder, String name) throws IOException {
            Path file = folder.resolve(name);
            return Files.isRegularFile(file) ? CsvTable.read(file) : null;
        }
    }
}

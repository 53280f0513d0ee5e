package org.spinnoise.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.run.HealthBlocks;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.RunEnergy;

/**
 * One self-contained HTML report per run ({@value #FILE} in the run folder): the manifest's key facts (what made the
 * bits, the calibration, the acquisition, the health tests and their alarms, the assessment, what the pool took and,
 * for a demo, what the sampling drew) and every plot of the folder embedded as a data: URI, so the one file can be
 * mailed or archived and opened anywhere, months later, without the folder or a network. The figures come from the
 * manifest read with the run's own record types ({@link RunFolder#open}); nothing is recomputed here but the
 * per-block health statistics, which the run package replays from bits.bin ({@link HealthBlocks}).
 */
public final class RunReport {
    public static final String FILE = "report.html";
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private RunReport() {
    }

    /** What {@link #write} produced: the report, the plots drawn, and the plots that could not be drawn. */
    public record Written(Path report, List<Path> plots, List<String> problems) {
    }

    /**
     * Writes {@code health-blocks.csv}, every plot the folder's data allow, and {@value #FILE}; then lists every file of
     * the folder (the report included) in the manifest, unless the run is still running (its process owns the
     * manifest). A plot whose input is malformed is named in the report and in
     * {@link Written#problems()} and the rest is still written.
     *
     * @throws IOException when the folder holds no readable manifest or a file cannot be written
     */
    public static Written write(Path runFolder) throws IOException {
        if (!Files.isRegularFile(runFolder.resolve(RunFolder.MANIFEST))) {
            throw new IOException(runFolder + " holds no " + RunFolder.MANIFEST + "; give a run folder");
        }
        RunFolder run = RunFolder.open(runFolder);
        RunManifest manifest = run.manifest();
        // An array run's bits.bin interleaves its junctions, each tested on its own: a replay of the interleaved
        // stream would show statistics no test saw, so only a single source's bits are replayed.
        if (manifest.acquisition() != null && manifest.bits() > 0 && manifest.array() == null) {
            HealthBlocks.write(runFolder, manifest.bits());
        }
        List<Path> plots = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            plots.addAll(RunPlots.writeAll(runFolder));
        } catch (PlotInputException e) {
            problems.add(e.getMessage());
            LOG.warn("report: {}", e.getMessage());
        }
        Figure poolLevel = PoolLevelPlot.figure(manifest);
        if (poolLevel != null) {
            plots.add(poolLevel.writePng(runFolder.resolve(PoolLevelPlot.FILE)));
        }
        // A running run's process owns its manifest and rewrites it after every stage: report on it, never write it.
        boolean finished = !manifest.status().equals("running");
        if (finished) {
            // recomputed, so a folder written before the ledger existed, or ingested since, shows it as it stands
            RunEnergy.writeAfterRun(run);
            // the report lists the files as they will stand, itself included, so list them before writing it
            run.describeFiles();
        }
        Path report = runFolder.resolve(FILE);
        String html = RunReportPage.html(runFolder, run.manifest(), energy(runFolder, problems), pngs(runFolder),
                problems);
        Files.writeString(report, html, StandardCharsets.UTF_8);
        if (finished) {
            run.describeFiles();
            run.saveManifest();
        }
        LOG.info("report: wrote {}", report);
        return new Written(report, List.copyOf(plots), List.copyOf(problems));
    }

    /** The folder's energy ledger, or null; an unreadable one is a problem named in the report, not a failure. */
    private static EnergyLedger energy(Path runFolder, List<String> problems) {
        try {
            return RunEnergy.read(runFolder);
        } catch (IOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** The folder's PNG files with their bytes, the known plots first in a fixed order, then the rest by name. */
    static Map<String, byte[]> pngs(Path runFolder) throws IOException {
        List<String> order = List.of(SwitchingCurvePlot.FILE, WidthMapPlot.FILE, ResistanceHistogramPlot.FILE,
                TrackingPlot.FILE, ToggleMapPlot.FILE, HealthTestsPlot.FILE, PoolLevelPlot.FILE);
        List<String> names;
        try (Stream<Path> list = Files.list(runFolder)) {
            names = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png")).sorted((a, b) -> {
                        int ia = order.indexOf(a);
                        int ib = order.indexOf(b);
                        ia = ia < 0 ? order.size() : ia;
                        ib = ib < 0 ? order.size() : ib;
                        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
                    }).toList();
        }
        Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
        for (String name : names) {
            pngs.put(name, Files.readAllBytes(runFolder.resolve(name)));
        }
        return pngs;
    }
}

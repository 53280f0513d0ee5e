package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.catalog.CatalogBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench catalog}: {@code runs list} over a catalog of 10,000 synthetic run folders (sync, query and
 * table), beside reading the same folders' manifests directly and a bare SELECT, measured in the same run; and the
 * time to rebuild the catalog from the folders.
 */
@Command(name = "catalog", description = "Time 'runs list' over 10,000 catalogued runs, and the catalog's rebuild.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench catalog",
                "  spinnoise bench catalog --runs-count 2000 --repeats 5"})
final class CatalogBenchCommand implements Callable<Integer> {
    /** The target for runs list over 10,000 catalogued runs. */
    private static final double TARGET_LIST_MS = 200;

    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--runs-count", paramLabel = "N", defaultValue = "10000",
            description = "Synthetic run folders (default: ${DEFAULT-VALUE}).")
    int runs;

    @OptionRange(min = 1)
    @Option(names = "--repeats", paramLabel = "N", defaultValue = "15",
            description = "Timed repetitions; medians are shown (default: ${DEFAULT-VALUE}).")
    int repeats;

    /** The same java and class path as this process, so the cold run is of this very build. */
    private double[] coldProcesses(Path runsDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        double list = timeProcess(java, "-cp", classPath, Main.class.getName(), "runs", "list", "--runs",
                runsDir.toString());
        double version = timeProcess(java, "-cp", classPath, Main.class.getName(), "--version");
        return new double[] {list, version};
    }

    private static double timeProcess(String... command) throws IOException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not end within 5 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while timing a new JVM", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' exited with " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || repeats < 1) {
            throw new IllegalArgumentException("--runs-count and --repeats must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        CatalogBenchmark.Result r = CatalogBenchmark.run(runs, repeats, RunTable::render, this::coldProcesses, line -> {
            out.println(line);
            out.flush();
        });
        out.printf(Locale.ROOT,
                "runs list, all %,d rows of %,d entries (sync + query + table) %8.1f ms  (first %.1f ms; "
                + "target < %.0f ms)%n", r.listedRows(), r.entries(), r.listMs(), r.listFirstMs(), TARGET_LIST_MS);
        out.printf(Locale.ROOT, "  CPU time of that thread (the wait for a core left out) %5.1f ms  "
                + "(baseline scan: %.1f ms)%n", r.listCpuMs(), r.scanFoldersCpuMs());
        out.printf(Locale.ROOT, "  baseline: read %,d manifests from the folders       %8.1f ms  (%.1fx the catalog)%n",
                r.runs(), r.scanFoldersMs(), r.scanFoldersMs() / r.listMs());
        out.printf(Locale.ROOT, "  of which sync (stat every folder, nothing changed)  %8.1f ms  (CPU %.1f ms)%n",
                r.syncMs(), r.syncCpuMs());
        out.printf(Locale.ROOT, "  and the query of every row's listing fields         %8.1f ms  (CPU %.1f ms)%n",
                r.selectMs(), r.selectCpuMs());
        out.printf(Locale.ROOT, "runs list --device --outcome --kind (sync + query + table) %.1f ms%n",
                r.listFilteredMs());
        out.printf(Locale.ROOT,
                "rebuild from %,d folders                               %8.0f ms  (writing them took %.0f ms)%n",
                r.runs(), r.rebuildMs(), r.writeFoldersMs());
        out.printf(Locale.ROOT, "runs list in a new JVM (startup, sync, query, table)   %8.0f ms%n", r.processListMs());
        out.printf(Locale.ROOT, "  baseline: a new JVM printing spinnoise --version     %8.0f ms%n",
                r.processBaselineMs());
        out.println(r.json());
        out.flush();
        return 0;
    }
}

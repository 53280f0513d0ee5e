package org.spinnoise.catalog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.spinnoise.run.RunFolder;

/**
 * Times the run catalog on a runs folder of synthetic run folders ({@link SyntheticRuns}) in a temporary directory:
 * the full rebuild, and {@code runs list} (sync over the unchanged folders, query and table) against two baselines
 * measured in the same run: reading every manifest from the folders directly and building the same table (what
 * listing costs without a catalog); the sync and the query apart; and {@code runs list} in a new JVM beside a new JVM
 * that only prints its version. CPU times are given beside wall times because on a shared machine the wall time
 * mostly measures the wait for a core. The temporary directory is deleted at the end.
 */
public final class CatalogBenchmark {
    /** The figures, in milliseconds. */
    public record Result(int runs, int entries, int listedRows, double writeFoldersMs, double rebuildMs, double listFirstMs,
                         double listMs, double listCpuMs, double listFilteredMs, double syncMs, double syncCpuMs,
                         double selectMs, double selectCpuMs, double scanFoldersMs, double scanFoldersCpuMs,
                         double processListMs, double processBaselineMs) {
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"catalog\",\"runs\":%d,\"entries\":%d,\"listed_rows\":%d,"
                            + "\"list_ms\":%.2f,\"list_cpu_ms\":%.2f,\"list_first_ms\":%.2f,\"list_filtered_ms\":%.2f,\"sync_ms\":%.2f,"
                            + "\"sync_cpu_ms\":%.2f,\"select_ms\":%.2f,\"select_cpu_ms\":%.2f,\"scan_folders_ms\":%.1f,\"scan_folders_cpu_ms\":%.1f,\"rebuild_ms\":%.1f,"
                            + "\"write_folders_ms\":%.1f,\"process_list_ms\":%.0f,\"process_version_ms\":%.0f}", runs, entries, listedRows, listMs, listCpuMs, listFirstMs, listFilteredMs,
                    syncMs, syncCpuMs, selectMs, selectCpuMs, scanFoldersMs, scanFoldersCpuMs, rebuildMs, writeFoldersMs,
                    processListMs, processBaselineMs);
        }
    }

    /** CPU time of this thread: on a shared machine it shows the work apart from the wait for a core. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CatalogBenchmark() {
    }

    /**
     * @param runs      synthetic run folders to write
     * @param repeats   timed repetitions of each warm measurement (the median is reported)
     * @param table     renders entries as {@code runs list} prints them
     * @param progress  receives one line per stage
     */
    /** Times a whole new process listing the runs folder, and one that only starts (cold JVM, both). */
    public interface ColdProcess {
        /** {milliseconds of 'runs list' in a new JVM, milliseconds of a new JVM that prints its version}. */
        double[] measure(Path runsDir) throws IOException;
    }

    public static Result run(int runs, int repeats, Function<List<CatalogRow>, String> table,
                             ColdProcess cold, Consumer<String> progress) throws IOException {
        Path tmp = Files.createTempDirectory("spinnoise-bench-catalog");
        try {
            Path runsDir = tmp.resolve("runs");
            long t0 = System.nanoTime();
            SyntheticRuns.write(runsDir, runs, 17, tmp.resolve("pool"));
            double writeMs = ms(t0);
            progress.accept(String.format(Locale.ROOT, "wrote %,d synthetic run folders in %.0f ms (%s)", runs,
                    writeMs, runsDir));

            t0 = System.nanoTime();
            int entries;
            int listed;
            try (RunCatalog catalog = RunCatalog.open(runsDir)) {
                catalog.rebuild(List.of());
                entries = catalog.list(CatalogFilter.ALL).size();
                listed = catalog.rows(CatalogFilter.ALL).size();
            }
            double rebuildMs = ms(t0);
            progress.accept(String.format(Locale.ROOT, "rebuild: %,d entries from %,d folders in %.0f ms", entries,
                    runs, rebuildMs));

            double[] list = new double[repeats];
            double[] listCpu = new double[repeats];
            double[] filtered = new double[repeats];
            double[] sync = new double[repeats];
            double[] select = new double[repeats];
            double[] syncCpu = new double[repeats];
            double[] selectCpu = new double[repeats];
            CatalogFilter one = new CatalogFilter("mtj-A3", null, null, "ok", "acquire", 0);
            int chars = 0;
            for (int i = 0; i < repeats; i++) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                try (RunCatalog catalog = RunCatalog.open(runsDir)) {
                    catalog.sync(List.of());
                    chars += table.apply(catalog.rows(CatalogFilter.ALL)).length();
                }
                list[i] = ms(t0);
                listCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
                t0 = System.nanoTime();
                try (RunCatalog catalog = RunCatalog.open(runsDir)) {
                    catalog.sync(List.of());
                    chars += table.apply(catalog.rows(one)).length();
                }
                filtered[i] = ms(t0);
                try (RunCatalog catalog = RunCatalog.open(runsDir)) {
                    cpu0 = CPU.getCurrentThreadCpuTime();
                    t0 = System.nanoTime();
                    catalog.sync(List.of());
                    sync[i] = ms(t0);
                    syncCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
                    cpu0 = CPU.getCurrentThreadCpuTime();
                    t0 = System.nanoTime();
                    chars += catalog.rows(CatalogFilter.ALL).size();
                    select[i] = ms(t0);
                    selectCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
                }
            }
            progress.accept(String.format(Locale.ROOT, "runs list: %d repetitions (%,d characters of tables)",
                    repeats, chars));

            double[] scan = new double[Math.max(1, repeats / 4)];
            double[] scanCpu = new double[scan.length];
            for (int i = 0; i < scan.length; i++) {
                long cpu0 = CPU.getCurrentThreadCpuTime();
                t0 = System.nanoTime();
                chars += table.apply(scanFolders(runsDir)).length();
                scan[i] = ms(t0);
                scanCpu[i] = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
            }
            double[] process = cold.measure(runsDir);
            return new Result(runs, entries, listed, writeMs, rebuildMs, list[0], median(list), median(listCpu),
                    median(filtered), median(sync), median(syncCpu), median(select), median(selectCpu), median(scan),
                    median(scanCpu), process[0], process[1]);
        } finally {
            deleteTree(tmp);
        }
    }

    /** The baseline: every run folder's manifest read and turned into entries, with no catalog. */
    static List<CatalogRow> scanFolders(Path runsDir) throws IOException {
        List<CatalogEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(runsDir, Files::isDirectory)) {
            for (Path dir : list) {
                RunFolder folder = RunFolder.open(dir);
                out.addAll(ManifestEntries.of(dir, folder.manifest(),
                        Files.getLastModifiedTime(dir.resolve(RunFolder.MANIFEST)).toMillis()).entries());
            }
        }
        out.sort(Comparator.comparing(CatalogEntry::startedMs, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(CatalogEntry::id));
        return out.stream().map(CatalogRow::of).toList();
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

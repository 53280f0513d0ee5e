package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.catalog.CatalogException;
import org.spinnoise.catalog.RunCatalog;
import picocli.CommandLine.Option;

/** Which runs folder and catalog file a {@code runs} command reads, and which pool it reconciles draws with. */
final class RunsOptions {
    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Runs folder (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "Catalog file (default: catalog.sqlite in the runs folder).")
    Path catalogFile;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "A pool whose draws to account besides those the "
            + "runs' ingests name; skipped when it does not exist (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    /** Opens the catalog, printing one line on {@code err} when an unreadable file had to be moved aside. */
    RunCatalog open(PrintWriter err) throws CatalogException {
        if (!Files.isDirectory(runsDir)) {
            throw new IllegalArgumentException("no runs folder " + runsDir + ": give the folder the runs were written "
                    + "to with --runs DIR");
        }
        RunCatalog catalog = catalogFile == null ? RunCatalog.open(runsDir) : RunCatalog.open(runsDir, catalogFile);
        if (catalog.notice() != null) {
            err.println("spinnoise: " + catalog.notice());
            err.flush();
        }
        return catalog;
    }

    /** Opens and syncs the catalog, printing a line for each run folder whose manifest could not be read anew. */
    RunCatalog openSynced(PrintWriter err) throws CatalogException {
        RunCatalog catalog = open(err);
        try {
            RunCatalog.SyncReport report = catalog.sync(pools());
            for (String problem : report.problems()) {
                err.println("spinnoise: not catalogued: " + problem);
            }
            err.flush();
            return catalog;
        } catch (CatalogException | RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    List<Path> pools() {
        List<Path> pools = new ArrayList<>();
        if (poolDir != null && Files.isDirectory(poolDir)) {
            pools.add(poolDir);
        }
        return pools;
    }
}

package org.spinnoise.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.catalog.CatalogException;
import org.spinnoise.catalog.RunCatalog;

/**
 * The one-line calls by which commands register what they did in the run catalog as they end: a run folder (run,
 * calibration, ingest) in the catalog of the folder it sits in, and a pool draw in the catalog of the default runs
 * folder ({@link #drawRunsDir}) when that folder exists. Registration never fails a command: the catalog is derived data, and
 * whatever is not registered now is found by the next {@code spinnoise runs} sync (run folders by their manifests,
 * draws in the pool's ledger), so a problem is logged as one warning.
 */
final class CatalogRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRegistration.class);
    /**
     * Where draws are registered: the runs folder every command defaults to ({@code runs}), or the one the system
     * property {@code spinnoise.runs} names (e.g. {@code SPINNOISE_JAVA_OPTS=-Dspinnoise.runs=/data/runs}).
     */
    static Path drawRunsDir() {
        return Path.of(System.getProperty("spinnoise.runs", "runs"));
    }

    private CatalogRegistration() {
    }

    /** Registers a run folder that a command has just finished writing (its run, or its ingest). */
    static void run(Path folder) {
        Path runsDir = folder.toAbsolutePath().normalize().getParent();
        try (RunCatalog catalog = RunCatalog.open(runsDir)) {
            if (catalog.notice() != null) {
                LOG.warn(catalog.notice());
            }
            String problem = catalog.register(folder);
            if (problem != null) {
                LOG.warn("run catalog: {} not catalogued: {}", folder, problem);
            }
        } catch (CatalogException | RuntimeException e) {
            LOG.warn("run catalog: {} not registered ({}); 'spinnoise runs list' will catalogue it", folder,
                    e.getMessage());
        }
    }

    /** A draw being registered; {@link #end} never throws. */
    static final class Draw {
        private final String id;
        private final Path runsDir;

        private Draw(String id, Path runsDir) {
            this.id = id;
            this.runsDir = runsDir;
        }

        /** The draw ended, successfully, in {@code mode} (trng, drbg, …). */
        void end(String mode) {
            if (id == null) {
                return;
            }
            try (RunCatalog catalog = RunCatalog.open(runsDir)) {
                catalog.endDraw(id, mode, null);
            } catch (CatalogException | RuntimeException e) {
                LOG.warn("run catalog: the end of draw {} not registered ({})", id, e.getMessage());
            }
        }
    }

    /**
     * Registers a draw from {@code pool} under {@code consumer} that begins now (before its first byte); a null pool
     * (a command that draws none this time) registers nothing.
     */
    static Draw draw(Path pool, String consumer) {
        Path runsDir = drawRunsDir();
        if (pool == null || !Files.isDirectory(runsDir)) {
            return new Draw(null, null);
        }
        try (RunCatalog catalog = RunCatalog.open(runsDir)) {
            return new Draw(catalog.beginDraw(pool, consumer), runsDir);
        } catch (CatalogException | RuntimeException e) {
            LOG.warn("run catalog: draw from {} by {} not registered ({})", pool, consumer, e.getMessage());
            return new Draw(null, null);
        }
    }
}

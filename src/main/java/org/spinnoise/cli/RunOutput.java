package org.spinnoise.cli;

import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.spinnoise.entropy.pool.PoolHolder;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.PoolHandoff;
import org.spinnoise.run.RunIngest;

/**
 * What every acquiring command does on the console around {@link AcquisitionLauncher}: launches with the console's
 * progress and the process's stopper, prints the new run folder, and after the run prints the ingest of its bits into the
 * pool (unless told otherwise), then draws its plots and report.
 */
final class RunOutput {
    private RunOutput() {
    }

    /** A launch of run {@code name} under {@code runsDir} watched from this console. */
    static AcquisitionLauncher.Launch launch(PrintWriter out, Progress progress, Path runsDir, String name) {
        return new AcquisitionLauncher.Launch(runsDir, name, LiveDashboard.watched(new ConsoleProgress(out, progress)),
                ShutdownStop.stopper(), dir -> out.printf("run folder: %s%n", dir));
    }

    /**
     * After a run (bench or board, one junction or an array): its bits into the pool unless the simulated bench found
     * {@code problems}, its health tests failed or the user said --no-pool; then its plots and report, and its entry in
     * the run catalog.
     *
     * @param alpha the significance of the run's health tests, null for the one its manifest's plan records
     */
    static void afterRun(PrintWriter out, Progress progress, Path folder, boolean healthPassed, List<String> problems,
            PoolOptions pool,
                         Double alpha) throws IOException {
        if (!problems.isEmpty()) {
            out.printf("not ingested: %s%n", String.join("; ", problems));
        } else if (!pool.noPool && healthPassed) {
            ingestOrHandOff(out, progress, folder, pool, alpha);
        }
        // last, so the report shows what the pool took
        RunPlotsOutput.drawAfterRun(out, folder);
        CatalogRegistration.run(folder);
    }

    /** Ingests the run, or hands it to the running service that owns the pool (which ingests it) and waits. */
    private static void ingestOrHandOff(PrintWriter out, Progress progress, Path folder, PoolOptions pool,
                                        Double alpha) throws IOException {
        Optional<PoolHolder> owner = PoolHandoff.acceptingOwner(pool.poolDir);
        if (owner.isPresent()) {
            out.printf("%n* handing the run to %s, which holds the pool at %s; it assesses the bits and ingests "
                    + "them%n", owner.get().describe(), pool.poolDir);
            out.flush();
            out.print(PoolHandoff.handOff(pool.poolDir, folder, alpha, null, owner.get()));
            out.flush();
            return;
        }
        out.printf("%n* assessing the bits and ingesting them into the pool at %s%n", pool.poolDir);
        out.flush();
        RunIngest.Result ingested = alpha == null ? AcquisitionLauncher.ingest(folder, pool.poolDir, progress)
                : AcquisitionLauncher.ingest(folder, pool.poolDir, alpha, progress);
        PoolReport.print(out, ingested);
    }
}

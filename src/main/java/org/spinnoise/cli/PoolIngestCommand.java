package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolHolder;
import org.spinnoise.run.PoolHandoff;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinnoise pool ingest --run DIR}: assess a run's raw bits and take them into the pool. */
@Command(name = "ingest", description = {
        "Assess a run folder's raw bits (SP 800-90B) and ingest them into the pool.",
        "When a running 'spinnoise serve' holds the pool, the run is handed to it and the service ingests it.",
        "Complete runs are taken. Interrupted (Ctrl-C, SIGTERM) and failed runs are taken too when their manifest says "
                + "how their bits were confirmed (a clean instrument error check, or board frames that passed their "
                + "checks) and the health tests passed on them: bits.bin never holds an unconfirmed bit. A run still "
                + "marked 'running' (its process was killed) is refused."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise pool ingest --run runs/20261207-041500-demo",
                "  spinnoise pool ingest --run runs/20261207-041500-board --entropy 0.9"})
final class PoolIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolDirOption pool;

    @Option(names = "--run", paramLabel = "RUN", required = true,
            description = "Run folder holding bits.bin and manifest.json.")
    Path runDir;

    @OptionRange(min = 0, minExclusive = true, max = 1)
    @Option(names = "--entropy", paramLabel = "BITS",
            description = "Credit this min-entropy per raw bit instead of the assessed value.")
    Double entropyPerBit;

    @OptionRange(min = -64, max = -8)
    @Option(names = "--alpha-log2", paramLabel = "N", defaultValue = "-30",
            description = "Health-test false-alarm rate 2^N (default: ${DEFAULT-VALUE}).")
    int alphaLog2;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PoolHolder> owner = PoolHandoff.acceptingOwner(pool.poolDir);
        if (owner.isPresent()) {
            // A running service owns the pool: it takes the run in (issue 18, defect 6).
            out.printf("handing %s to %s, which holds the pool at %s%n", runDir, owner.get().describe(),
                    pool.poolDir);
            out.flush();
            out.print(PoolHandoff.handOff(pool.poolDir, runDir, Math.pow(2, alphaLog2), entropyPerBit,
                    owner.get()));
            out.flush();
            CatalogRegistration.run(runDir);
            return 0;
        }
        try (EntropyPool p = EntropyPool.open(pool.poolDir, PoolConfig.defaults())) {
            RunIngest.Result result = RunIngest.ingest(RunFolder.open(runDir), p, entropyPerBit,
                    Math.pow(2, alphaLog2), ProgressMode.of(spec));
            PoolReport.print(out, result);
        }
        CatalogRegistration.run(runDir);
        return 0;
    }
}

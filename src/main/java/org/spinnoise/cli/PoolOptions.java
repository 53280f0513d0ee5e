package org.spinnoise.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which pool a command uses, and whether an acquiring command feeds it. */
final class PoolOptions {
    @Option(names = "--pool", defaultValue = "pool", description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--no-pool", description = "Do not ingest the run's bits into the pool.")
    boolean noPool;
}

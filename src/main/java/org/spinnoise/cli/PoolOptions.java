package org.spinnoise.cli;

import picocli.CommandLine.Option;

/**
 * The pool options of a command that acquires bits and would otherwise ingest them ({@code demo}, {@code acquire},
 * {@code board}): which pool, and {@code --no-pool} to keep the run out of it.
 */
final class PoolOptions extends PoolDirOption {
    @Option(names = "--no-pool", description = "Do not ingest the run's bits into the pool (they stay in the run "
            + "folder: spinnoise pool ingest --run RUN takes them later).")
    boolean noPool;
}

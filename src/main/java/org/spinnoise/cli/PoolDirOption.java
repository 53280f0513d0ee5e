package org.spinnoise.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which pool a command uses ({@code --pool DIR}); the pool commands take only this. */
class PoolDirOption {
    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;
}

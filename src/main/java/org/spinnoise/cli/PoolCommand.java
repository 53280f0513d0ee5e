package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise pool …}: the persistent entropy pool. */
@Command(name = "pool", description = "Inspect, fill and draw from the persistent entropy pool.",
        subcommands = {PoolStatusCommand.class, PoolIngestCommand.class, PoolTakeCommand.class})
final class PoolCommand {
}

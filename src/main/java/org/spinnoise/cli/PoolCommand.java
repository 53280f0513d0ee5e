package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise pool …}: the persistent entropy pool. */
@Command(name = "pool", description = "Inspect, fill and draw from the persistent entropy pool.",
        subcommands = {PoolStatusCommand.class, PoolIngestCommand.class, PoolTakeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise pool status",
                "  spinnoise pool ingest --run runs/20261207-041500-demo",
                "  spinnoise pool take --bytes 4096 --out noise.bin"})
final class PoolCommand {
}

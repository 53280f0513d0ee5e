package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise bench …}: benchmarks, each printing its figures beside a baseline measured in the same run. */
@Command(name = "bench", description = "Benchmarks; each ends with one JSON line of its figures.",
        subcommands = {
                PoolBenchCommand.class,
                ServeBenchCommand.class,
                BoardBenchCommand.class,
                NoiseBenchCommand.class,
                SamplerBenchCommand.class,
                WireBenchCommand.class,
                AcquisitionBenchCommand.class,
                CalibrationBenchCommand.class,
                ProgressBenchCommand.class,
                CatalogBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench wire",
                "  spinnoise bench pool --megabytes 16",
                "  spinnoise bench acquisition --bits 500 --batched-bits 2000"})
final class BenchCommand {
}

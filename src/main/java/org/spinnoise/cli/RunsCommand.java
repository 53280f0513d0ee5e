package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise runs …}: the run catalog (every run, ingest and pool draw), kept in the runs folder. */
@Command(name = "runs", description = {
        "Find runs, ingests and pool draws in the run catalog (runs/catalog.sqlite).",
        "The catalog is rebuilt from the run folders' manifests and the pools' ledgers whenever it is missing, stale "
                + "or damaged; every subcommand first catalogues new or changed run folders."},
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsExportCommand.class,
                RunsRebuildCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise runs list --device mtj-A3 --since 2026-12-01",
                "  spinnoise runs show 20261207-041500-demo",
                "  spinnoise runs export --format csv --out runs.csv --outcome failed"})
final class RunsCommand {
}

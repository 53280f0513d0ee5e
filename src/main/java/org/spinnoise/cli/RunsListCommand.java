package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.catalog.CatalogRow;
import org.spinnoise.catalog.RunCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinnoise runs list}: the catalogued runs, ingests and draws that match the filters, as a table. */
@Command(name = "list", description = {"List catalogued runs and pool draws, oldest first.",
        "A run's POOL BYTES are what its ingest added to the pool; --kind ingest lists the ingests on their own."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise runs list",
                "  spinnoise runs list --kind board --outcome failed",
                "  spinnoise runs list --kind ingest",
                "  spinnoise runs list --device mtj-A3 --since 2026-12-01 --until 2026-12-07",
                "  spinnoise runs list --kind draw --newest 20 --runs /data/runs --pool /data/pool"})
final class RunsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunsOptions runs;

    @Mixin
    RunFilterOptions filters;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<CatalogRow> entries;
        try (RunCatalog catalog = runs.openSynced(spec.commandLine().getErr())) {
            entries = catalog.rows(filters.filter());
        }
        if (entries.isEmpty()) {
            out.println("no catalogued entries match in " + runs.runsDir);
        } else {
            out.print(RunTable.render(entries));
        }
        out.flush();
        return 0;
    }
}

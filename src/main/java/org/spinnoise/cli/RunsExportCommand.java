package org.spinnoise.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.catalog.CatalogEntry;
import org.spinnoise.catalog.CatalogExport;
import org.spinnoise.catalog.RunCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spinnoise runs export}: the matching catalog entries, every column, as CSV or JSON. */
@Command(name = "export", description = "Write the matching catalog entries, every column, as CSV or JSON.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise runs export --format csv --out runs.csv",
                "  spinnoise runs export --format json --out failed.json --outcome failed --since 2026-11-01",
                "  spinnoise runs export --format csv --out draws.csv --kind draw"})
final class RunsExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunsOptions runs;

    @Mixin
    RunFilterOptions filters;

    @Option(names = "--format", paramLabel = "csv|json", required = true, description = "csv or json.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        CatalogExport.Format chosen = CatalogExport.Format.parse(format);
        List<CatalogEntry> entries;
        try (RunCatalog catalog = runs.openSynced(spec.commandLine().getErr())) {
            entries = catalog.list(filters.filter());
        }
        CatalogExport.write(entries, chosen, out);
        spec.commandLine().getOut().printf("%,d entries written to %s%n", entries.size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

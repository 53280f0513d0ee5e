package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spinnoise.catalog.CatalogEntry;
import org.spinnoise.catalog.RunCatalog;
import org.spinnoise.entropy.HealthTestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spinnoise runs show RUN}: everything the catalog holds about one run (and its ingest), or one draw. */
@Command(name = "show", description = "Show everything catalogued about one run, ingest or draw.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise runs show 20261207-041500-demo",
                "  spinnoise runs show runs/20261207-041500-demo",
                "  spinnoise runs show 041500-demo        (any part of a name that only one run has)"})
final class RunsShowCommand implements Callable<Integer> {
    /** The report the report stage writes into a run folder. */
    static final String REPORT = "report.html";

    @Spec
    CommandSpec spec;

    @Mixin
    RunsOptions runs;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run folder, its name, an entry id, or a unique part of one.")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (RunCatalog catalog = runs.openSynced(spec.commandLine().getErr())) {
            Optional<CatalogEntry> found = catalog.find(name);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no catalogued run, ingest or draw is named '" + name + "' in "
                        + runs.runsDir + "; see 'spinnoise runs list'");
            }
            CatalogEntry entry = found.get();
            print(out, entry, catalog.health(entry.id()));
            if (!entry.kind().equals("ingest") && !entry.kind().equals("draw")) {
                Optional<CatalogEntry> ingest = catalog.find(entry.id() + "/ingest");
                if (ingest.isPresent()) {
                    out.println();
                    print(out, ingest.get(), catalog.health(ingest.get().id()));
                }
            }
            if (entry.folder() != null && !entry.kind().equals("ingest") && !entry.kind().equals("draw")) {
                EnergyLines.print(out, Path.of(entry.folder()), 16);
            }
            if (entry.folder() != null && Files.isRegularFile(Path.of(entry.folder(), REPORT))) {
                out.printf("%nreport           %s%n", Path.of(entry.folder(), REPORT));
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, CatalogEntry e, List<HealthTestReport> health) {
        row(out, "entry", e.id());
        row(out, "kind", e.kind());
        row(out, "outcome", e.outcome());
        row(out, "started", RunTable.time(e.startedMs()) + (e.started() == null ? "" : "  (" + e.started() + ")"));
        row(out, "finished", e.finished() == null ? null : e.finished().toString());
        row(out, "folder", e.folder());
        row(out, "device", e.device());
        row(out, "source", e.source());
        row(out, "instruments", e.instruments());
        row(out, "simulated", e.simulated() == null ? null : e.simulated() ? "yes" : "no");
        row(out, "V50", volts(e.v50Volts()));
        row(out, "delta V", volts(e.deltaVolts()));
        row(out, "threshold", e.thresholdOhms() != null ? String.format(Locale.ROOT, "%.1f ohm", e.thresholdOhms())
                : e.thresholdCode() != null ? e.thresholdCode() + " (read-DAC code)" : null);
        row(out, "write amplitude", volts(e.writeVolts()));
        row(out, "bits", e.bits() == null ? null : RunTable.count(e.bits()));
        row(out, "bias", e.bias() == null ? null : String.format(Locale.ROOT, "%+.5f", e.bias()));
        row(out, "rate", e.bitsPerSecond() == null ? null
                : String.format(Locale.ROOT, "%,.0f bits/s", e.bitsPerSecond()));
        row(out, "health tests", e.healthPassed() == null ? null : e.healthPassed() ? "passed" : "FAILED");
        row(out, e.kind().equals("ingest") ? "health alarms" : "health failures",
                e.healthFailures() == null ? null : RunTable.count(e.healthFailures()));
        row(out, "source events", e.sourceEvents() == null ? null : RunTable.count(e.sourceEvents()));
        row(out, "pool", e.pool());
        row(out, e.kind().equals("draw") ? "pool bytes used" : "pool bytes added",
                e.poolBytes() == null ? null : RunTable.count(e.poolBytes()));
        row(out, "consumer", e.consumer());
        row(out, "mode", e.mode());
        row(out, "credited entropy", e.entropyPerBit() == null ? null
                : String.format(Locale.ROOT, "%.4f bits per raw bit", e.entropyPerBit()));
        row(out, e.outcome().equals("ok") ? "note" : "error", e.error());
        row(out, "code version", e.codeVersion());
        for (HealthTestReport h : health) {
            out.printf(Locale.ROOT, "  health: %-22s cutoff %d, worst %d, failures %d over %,d samples%n", h.test(),
                    h.cutoff(), h.worstObserved(), h.failures(), h.samples());
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value != null) {
            out.printf("%-16s %s%n", label, value);
        }
    }

    private static String volts(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.4f V", v);
    }
}

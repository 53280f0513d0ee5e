package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinnoise.catalog.RunCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spinnoise runs rebuild}: reads every run folder and pool ledger again, whatever the catalog held. */
@Command(name = "rebuild", description = {"Read every run folder's manifest and every known pool's ledger again.",
        "Registered draws are kept; runs and ingests are replaced by what the folders say now."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise runs rebuild",
                "  spinnoise runs rebuild --runs /data/runs --pool /data/pool"})
final class RunsRebuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunsOptions runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RunCatalog catalog = runs.open(err)) {
            RunCatalog.SyncReport r = catalog.rebuild(runs.pools());
            for (String problem : r.problems()) {
                err.println("spinnoise: not catalogued: " + problem);
            }
            err.flush();
            out.printf("catalog %s: %,d run folders read (%,d unreadable), %d pools reconciled%n", catalog.file(),
                    r.foldersRead(), r.foldersUnreadable(), r.poolsReconciled());
        }
        out.flush();
        return 0;
    }
}

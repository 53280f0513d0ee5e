package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.spinnoise.run.RunStopper;
import org.spinnoise.sim.soak.SoakPlan;
import org.spinnoise.sim.soak.SoakReport;
import org.spinnoise.sim.soak.SoakRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise soak}: the whole chain on the simulated bench and the emulated board for a set time, with faults
 * injected at random and at least three noise clients (one slow, one that vanishes), then a report of bits acquired,
 * faults, bytes served, overlaps, memory, threads and open files ({@link SoakRun} does the work; this parses and
 * prints). Exit 1 when the soak found a problem.
 */
@Command(name = "soak", description = "Run the whole chain on the simulated bench and board under random faults, with "
        + "noise clients (normal, slow, vanishing), and report losses, overlaps, memory, threads and files.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise soak --minutes 30",
                "  spinnoise soak --minutes 0.5 --seed 7 --fault-rate 20",
                "  spinnoise soak --minutes 30 --clients 5 --timeout-ms 10000 --runs soaks"})
final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 0, minExclusive = true, max = 7 * 24 * 60)
    @Option(names = "--minutes", paramLabel = "MINUTES", defaultValue = "30",
            description = "How long to run, fractions allowed, e.g. 0.5 (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of every simulated bench, board, client and fault draw (default: a fresh one, printed).")
    Long seed;

    @OptionRange(min = 3, max = 64)
    @Option(names = "--clients", paramLabel = "N", defaultValue = "3",
            description = "Noise clients, at least 3: one slow, one that vanishes and returns, the rest normal "
            + "(default: ${DEFAULT-VALUE}).")
    int clients;

    @OptionRange(min = 0, max = 600)
    @Option(names = "--fault-rate", paramLabel = "PER_MINUTE", defaultValue = "20",
            description = "Mean fault draws per minute (instrument and serial-port faults); a draw lands only while a "
            + "run is in its faultable phase (a bench acquisition, a board stream) and is skipped otherwise; 0 for "
            + "none (default: ${DEFAULT-VALUE}).")
    double faultsPerMinute;

    @OptionRange(min = 0, max = 0.2)
    @Option(names = "--frame-damage", paramLabel = "CHANCE", defaultValue = "0.002",
            description = "Chance per board frame of each of five kinds of line damage (garbage, truncated, flipped "
            + "bit, dropped, repeated), 0 to 0.2 (default: ${DEFAULT-VALUE}).")
    double frameDamage;

    @OptionRange(min = 1000)
    @Option(names = "--bench-bits", paramLabel = "N", defaultValue = "20000",
            description = "Bits per bench run (default: ${DEFAULT-VALUE}).")
    long benchBits;

    @OptionRange(min = 65536)
    @Option(names = "--board-bits", paramLabel = "N", defaultValue = "2000000",
            description = "Bits per board run (default: ${DEFAULT-VALUE}).")
    long boardBits;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of the soak's folder (report, samples, its runs) (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--pool", paramLabel = "DIR",
            description = "Pool the runs go into and the service serves from (default: a new pool in the soak's "
            + "folder).")
    Path poolDir;

    @OptionRange(min = 100, max = 600_000)
    @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Reply timeout of the simulated instruments' links, appended to their addresses; raise it "
            + "on a heavily loaded machine (default: the address default, 2000 ms).")
    Long timeoutMs;

    @Option(names = "--keep-runs", description = "Keep the folders of runs taken into the pool (failed runs are "
            + "always kept).")
    boolean keepRuns;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long soakSeed = seed != null ? seed : new SecureRandom().nextLong();
        Path folder = SoakRun.newFolder(runsDir);
        SoakPlan plan = SoakPlan.of(Duration.ofMillis(Math.round(minutes * 60_000)), soakSeed, clients,
                faultsPerMinute, frameDamage, benchBits, boardBits, folder,
                poolDir != null ? poolDir : folder.resolve("pool"), keepRuns,
                timeoutMs == null ? null : Duration.ofMillis(timeoutMs));
        out.printf("soak: %.1f min, seed %d (--seed repeats the draws), %d clients, %.1f faults/min, frame damage "
                + "%.3f per kind; folder %s%n", minutes, soakSeed, clients, faultsPerMinute, frameDamage, folder);
        out.flush();
        RunStopper stopper = ShutdownStop.stopper();
        SoakReport report;
        // Held while the soak runs, so Ctrl-C lets its runs turn their outputs off and the report be written.
        try (RunStopper.Active soaking = stopper.enter()) {
            report = new SoakRun(plan, stopper).run(snapshot -> SoakLines.periodic(out, snapshot));
            SoakLines.report(out, report);
        }
        return report.passed() ? 0 : OneLineErrors.FAILURE;
    }
}

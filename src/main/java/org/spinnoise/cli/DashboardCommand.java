package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.spinnoise.report.dashboard.DashboardServer;
import org.spinnoise.report.dashboard.DashboardState;
import org.spinnoise.run.RunsOverview;
import org.spinnoise.serve.TelemetryWatch;
import org.spinnoise.report.dashboard.DashboardSections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise dashboard}: the live dashboard on its own, for runs made by other processes: the runs of a runs
 * directory (a running one from the {@code live.json} its command rewrites once a second), the pool (read without its
 * lock) and, with {@code --telemetry}, a noise service's telemetry. Serves on 127.0.0.1 until Ctrl-C.
 */
@Command(name = "dashboard", description = "Serve the live dashboard on 127.0.0.1 for the runs in a runs directory, "
        + "the pool and (--telemetry) a running noise service, until Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise dashboard",
                "  spinnoise dashboard --runs lab-runs --pool /data/pool --port 8017 --telemetry tcp://127.0.0.1:5556",
                "", "A command can serve its own: spinnoise acquire --bench mock-instruments/benches/demo.json "
                        + "--dashboard"})
final class DashboardCommand implements Callable<Integer> {
    /** Run folders listed on the page. */
    private static final int RUNS_SHOWN = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Runs directory (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @OptionRange(min = 0, max = 65535)
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port on 127.0.0.1; 0 picks a free one, printed (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--telemetry", paramLabel = "ENDPOINT", description = "A noise service's telemetry endpoint on "
            + "this machine, as spinnoise serve prints it (e.g. tcp://127.0.0.1:5556).")
    String telemetry;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunsOverview runs = new RunsOverview(runsDir, RUNS_SHOWN);
        DashboardState state = new DashboardState("spinnoise dashboard").with("run", runs::liveRun)
                .with("runs", runs::json).with("pool", DashboardSections.pool(poolDir));
        TelemetryWatch watch = telemetry == null ? null : TelemetryWatch.start(telemetry,
                DashboardSections.withRates(0));
        if (watch != null) {
            state.with("service", watch::json);
        }
        boolean interrupted = false;
        try (DashboardServer server = DashboardServer.start(port, state)) {
            out.printf("dashboard on %s (runs %s, pool %s%s)%n", server.url(), runsDir, poolDir,
                    watch == null ? "" : ", telemetry " + telemetry);
            out.println("Ctrl-C stops it.");
            out.flush();
            try {
                while (true) {
                    TimeUnit.DAYS.sleep(1);
                }
            } catch (InterruptedException e) {
                // Ctrl-C ends the JVM through its hooks; an interrupt (a test) ends the command.
                interrupted = true;
            }
        } finally {
            if (watch != null) {
                watch.close(); // with the interrupt cleared: ZeroMQ's close fails on an interrupted thread
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }
}

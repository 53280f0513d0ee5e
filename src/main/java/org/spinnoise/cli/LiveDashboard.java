package org.spinnoise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.spinnoise.report.dashboard.DashboardServer;
import org.spinnoise.report.dashboard.DashboardState;
import org.spinnoise.run.LiveRun;
import org.spinnoise.run.RunListener;
import org.spinnoise.report.dashboard.DashboardSections;

/**
 * The live view of one command: for a run command (acquire, board) a {@link LiveRun} that every run the command makes
 * reports to (so the run folder gets its {@code live.json}, whether or not a dashboard is served), and with
 * {@code --dashboard} the web server over it, the pool and (serve) the noise service. Opened at the start of the
 * command and closed when it ends, so the final state stays on the page while the command plots and ingests.
 * Run launchers reach the command's live run through {@link #watched}, as they reach its stopper through
 * {@link ShutdownStop}: one command runs per process.
 */
final class LiveDashboard implements AutoCloseable {
    private static volatile LiveRun current;

    private final LiveRun run;
    private final DashboardServer server;

    private LiveDashboard(LiveRun run, DashboardServer server) {
        this.run = run;
        this.server = server;
    }

    /**
     * Opens the live view of a run command: its live run, and with {@code options} enabled the dashboard over it and
     * the pool at {@code poolDir} (whose URL is printed on {@code out}).
     */
    static LiveDashboard forRuns(PrintWriter out, DashboardOptions options, String source, Path poolDir)
            throws IOException {
        LiveRun run = LiveRun.writingToFolder();
        current = run;
        DashboardServer server = null;
        if (options != null && options.enabled()) {
            try {
                server = start(out, options, new DashboardState(source).with("run", run::json)
                        .with("pool", DashboardSections.pool(poolDir)));
            } catch (IOException | RuntimeException e) {
                current = null;
                run.close();
                throw e;
            }
        }
        return new LiveDashboard(run, server);
    }

    /** Opens a dashboard over other sections (serve: the pool it serves from and the service), if enabled. */
    static LiveDashboard forState(PrintWriter out, DashboardOptions options, DashboardState state) throws IOException {
        return new LiveDashboard(null, options != null && options.enabled() ? start(out, options, state) : null);
    }

    /**
     * {@code console} and, while a run command's live view is open, its live run: the listener a launcher gives the
     * run it starts.
     */
    static RunListener watched(RunListener console) {
        LiveRun run = current;
        return run == null ? console : RunListener.all(console, run);
    }

    /** The dashboard's URL, or null when none is served. */
    String url() {
        return server == null ? null : server.url();
    }

    private static DashboardServer start(PrintWriter out, DashboardOptions options, Supplier<JsonNode> state)
            throws IOException {
        DashboardServer server = DashboardServer.start(options.port, state);
        out.printf("dashboard on %s%n", server.url());
        out.flush();
        return server;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (run != null) {
            if (current == run) {
                current = null;
            }
            run.close();
        }
    }
}

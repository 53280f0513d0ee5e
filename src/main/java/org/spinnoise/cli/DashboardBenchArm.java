package org.spinnoise.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.spinnoise.report.dashboard.DashboardServer;
import org.spinnoise.report.dashboard.DashboardState;
import org.spinnoise.run.LiveRun;
import org.spinnoise.run.RunListener;
import org.spinnoise.sim.DashboardOverheadBenchmark;

/**
 * The "dashboard on" arm of {@code spinnoise bench acquisition}: what {@code --dashboard} sets up (the live run
 * writing its file into the run folder, the server on loopback) and a client in this process reading
 * {@code /api/state} once a second as the page does, so the client's own work is counted against the dashboard too.
 */
final class DashboardBenchArm implements DashboardOverheadBenchmark.Dashboard {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final LiveRun live;
    private final DashboardServer server;
    private final Thread poller;
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean running = true;

    private DashboardBenchArm() throws IOException {
        live = LiveRun.writingToFolder();
        server = DashboardServer.start(0, new DashboardState("spinnoise bench acquisition").with("run", live::json));
        poller = new Thread(this::poll, "spinnoise-bench-dashboard-client");
        poller.setDaemon(true);
        poller.start();
    }

    static DashboardBenchArm open() throws IOException {
        return new DashboardBenchArm();
    }

    @Override
    public RunListener listener() {
        return live;
    }

    /** State requests answered so far. */
    long polls() {
        return polls.get();
    }

    private void poll() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "api/state")).timeout(POLL.multipliedBy(8))
                .build();
        while (running) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    polls.incrementAndGet();
                }
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the server is closing at the end of the arm
            }
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        server.close();
        live.close();
    }
}

package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.run.LiveRun;
import org.spinnoise.run.RunFolder;
import org.spinnoise.serve.NoiseClient;

/**
 * {@code spinnoise serve --dashboard} and {@code spinnoise dashboard} over HTTP: the service's own dashboard shows
 * its clients and rates as a client draws; the standalone dashboard shows the same service through its telemetry,
 * the runs of a runs directory (a running one from its live file) and the pool.
 */
class DashboardCommandTest {
    private static final Pattern URL = Pattern.compile("dashboard on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern TELEMETRY = Pattern.compile("telemetry on (tcp://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theServiceAndTheStandaloneDashboardShowTheServiceRunsAndPool() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path running = Files.createDirectories(runs.resolve("20261207-080000-acquire"));
        Files.writeString(running.resolve(RunFolder.MANIFEST), "{\"run\":{\"status\":\"running\"}}");
        Files.writeString(running.resolve(LiveRun.FILE), "{\"status\":\"running\",\"bits\":4242,\"total_bits\":9000,"
                + "\"bits_per_s\":99.5,\"stage\":\"acquiring\"}");
        Path pool = dir.resolve("pool");
        EntropyPool.open(pool, PoolConfig.defaults()).close();

        StringWriter serveOut = new StringWriter();
        StringWriter dashOut = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger serveCode = new AtomicInteger(-1);
        AtomicInteger dashCode = new AtomicInteger(-1);
        Thread serve = new Thread(() -> serveCode.set(Main.run(new PrintWriter(serveOut), new PrintWriter(err),
                "serve", "--modes", "prng", "--bind", "tcp://127.0.0.1:0", "--telemetry", "tcp://127.0.0.1:0",
                "--telemetry-interval-ms", "200", "--dashboard")), "serve-command");
        Thread dashboard = null;
        serve.start();
        try {
            String serveUrl = await(URL, serveOut, err, serve);
            String telemetry = await(TELEMETRY, serveOut, err, serve);
            Thread dash = new Thread(() -> dashCode.set(Main.run(new PrintWriter(dashOut), new PrintWriter(err),
                    "dashboard", "--runs", runs.toString(), "--pool", pool.toString(), "--telemetry", telemetry)),
                    "dashboard-command");
            dashboard = dash;
            dash.start();
            String dashUrl = await(URL, dashOut, err, dash);
            String endpoint = serveOut.toString().lines().filter(l -> l.startsWith("serving noise on "))
                    .map(l -> l.split(" ")[3]).findFirst().orElseThrow();
            // A client drawing 1,000 normals every 50 ms while the dashboards are read.
            AtomicBoolean drawing = new AtomicBoolean(true);
            AtomicLong drawn = new AtomicLong();
            Thread drawer = new Thread(() -> {
                try (NoiseClient client = NoiseClient.connect(endpoint)) {
                    while (drawing.get()) {
                        client.normals(NoiseMode.PRNG, 1000);
                        drawn.addAndGet(1000);
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    drawn.set(-1);
                }
            }, "drawing-client");
            drawer.start();
            try {
                JsonNode own = awaitState(serveUrl, s -> s.path("service").path("requests").asLong() >= 20
                        && s.path("service").path("normals_served_per_s").asDouble() > 0
                        && s.path("service").path("client_list").path(0).path("normals_served_per_s").asDouble() > 0);
                assertEquals("spinnoise serve", own.get("source").asText());
                assertEquals(1, own.get("service").get("clients").asLong(), own.toString());
                JsonNode perClient = own.get("service").get("client_list").get(0);
                // The client list is as of the last telemetry interval; the service's totals are live.
                long perClientNormals = perClient.get("normals_served").asLong();
                assertTrue(perClientNormals > 0 && perClientNormals <= own.get("service").get("normals_served").asLong(),
                        own.toString());
                // Every 1,000 normals took a request (and connecting took a ping).
                assertTrue(perClient.get("requests").asLong() >= perClientNormals / 1000, own.toString());
                assertFalse(own.has("pool"), "a prng-only service has no pool");

                JsonNode seen = awaitState(dashUrl, s -> s.path("service").path("requests").asLong() >= 20
                        && s.path("service").path("client_list").path(0).path("normals_served_per_s").asDouble() > 0);
                assertEquals("spinnoise dashboard", seen.get("source").asText());
                assertEquals(1, seen.get("service").get("clients").asLong(), seen.toString());
                assertEquals(telemetry, seen.get("service").get("endpoint").asText());
                assertTrue(seen.get("service").get("normals_served_per_s").asDouble() > 0, seen.toString());
                assertEquals(4242, seen.get("run").get("bits").asLong(), seen.toString());
                assertEquals("20261207-080000-acquire", seen.get("runs").get("runs").get(0).get("name").asText());
                assertEquals(0, seen.get("pool").get("bytes_available").asLong(), seen.toString());
            } finally {
                drawing.set(false);
                drawer.join(10_000);
            }
            assertTrue(drawn.get() > 0, "the client failed to draw");
        } finally {
            serve.interrupt();
            serve.join(30_000);
            if (dashboard != null) {
                dashboard.interrupt();
                dashboard.join(30_000);
            }
        }
        assertEquals(0, serveCode.get(), err.toString());
        assertEquals(0, dashCode.get(), dashOut + "/" + err);
    }

    @Test
    void aForeignTelemetryEndpointIsRefusedInOneLine() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "dashboard", "--runs",
                dir.toString(), "--telemetry", "tcp://192.0.2.1:5556");
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("the dashboard reads a service on this machine only"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private JsonNode awaitState(String url, Predicate<JsonNode> ready) throws Exception {
        JsonNode state = null;
        for (int i = 0; i < 100; i++) {
            state = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (ready.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        fail("the dashboard at " + url + " never showed what was expected: " + state);
        return null;
    }

    private static String await(Pattern pattern, StringWriter out, StringWriter err, Thread command)
            throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Matcher m = pattern.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            if (!command.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        fail("no match for " + pattern + ": " + out + err);
        return null;
    }
}

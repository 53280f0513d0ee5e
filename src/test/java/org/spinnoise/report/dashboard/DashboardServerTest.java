package org.spinnoise.report.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's server over HTTP (the JDK's client, and a raw socket where a header must be forged): the page and
 * the state, a section that fails, methods and paths it does not serve, a foreign Host header, a taken port.
 */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageAndTheStateEachRequestAfresh() throws Exception {
        AtomicLong bits = new AtomicLong(100);
        DashboardState state = new DashboardState("test <script>")
                .with("run", () -> JsonNodeFactory.instance.objectNode().put("bits", bits.getAndAdd(50))
                        .put("stage", "</script><b>\"quoted\""))
                .with("pool", () -> {
                    throw new IllegalStateException("no entropy pool at /nowhere");
                });
        try (DashboardServer server = DashboardServer.start(0, state)) {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
            HttpResponse<String> page = get(server.url());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
            for (String id : new String[] {"bits-per-second", "bits-total", "pool-bytes", "service-clients"}) {
                assertTrue(page.body().contains("id=\"" + id + "\""), id);
            }
            assertFalse(page.body().contains("http://") || page.body().contains("https://"),
                    "the page loads nothing from elsewhere");
            assertFalse(page.body().contains("innerHTML"), "values are set as text only");

            HttpResponse<String> first = get(server.url() + "api/state");
            assertEquals(200, first.statusCode());
            assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
            JsonNode a = JSON.readTree(first.body());
            assertEquals("test <script>", a.get("source").asText());
            assertEquals(100, a.get("run").get("bits").asLong());
            assertEquals("</script><b>\"quoted\"", a.get("run").get("stage").asText());
            assertEquals("no entropy pool at /nowhere", a.get("pool").get("error").asText());
            JsonNode b = JSON.readTree(get(server.url() + "api/state").body());
            assertEquals(150, b.get("run").get("bits").asLong());
        }
    }

    @Test
    void answersOnlyGetAndHeadOnItsTwoPathsForTheLoopbackHost() throws Exception {
        try (DashboardServer server = DashboardServer.start(0, new DashboardState("test"))) {
            assertEquals(404, get(server.url() + "etc/passwd").statusCode());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/state"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/state"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
            assertTrue(rawGet(server.port(), "localhost:" + server.port()).startsWith("HTTP/1.1 200"));
            assertTrue(rawGet(server.port(), "attacker.example:" + server.port()).startsWith("HTTP/1.1 403"),
                    "a page on another site that rebinds its name to 127.0.0.1 gets nothing");
        }
    }

    @Test
    void refusesATakenPortInOneLine() throws Exception {
        try (DashboardServer server = DashboardServer.start(0, new DashboardState("test"))) {
            IOException taken = assertThrows(IOException.class, () -> DashboardServer.start(server.port(),
                    new DashboardState("test")));
            assertTrue(taken.getMessage().startsWith("dashboard port " + server.port() + " on 127.0.0.1 is taken"),
                    taken.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(70000, new DashboardState("x")));
    }

    @Test
    void acceptsOnlyLoopbackHostNames() {
        assertTrue(DashboardServer.loopbackHost("127.0.0.1:8017"));
        assertTrue(DashboardServer.loopbackHost("localhost"));
        assertTrue(DashboardServer.loopbackHost("[::1]:8017"));
        assertFalse(DashboardServer.loopbackHost("127.0.0.1.attacker.example"));
        assertFalse(DashboardServer.loopbackHost("lab-pc:8017"));
        assertFalse(DashboardServer.loopbackHost(null));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rawGet(int port, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/state HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}

package org.spinnoise.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard's web server, on the loopback interface only (JDK's built-in HTTP server, one thread): {@code /}
 * is a self-contained page (no external resources) that polls {@code /api/state} once a second, and
 * {@code /api/state} is the state as JSON, built on each request from {@code state}. Only GET and HEAD are answered;
 * a request whose Host header does not name the loopback is refused, so a web page elsewhere cannot read the state
 * by DNS rebinding. Reading the state is the server thread's work, never the acquisition's.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** Only the page's own inline script and style, and requests back to this server. */
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] page;

    private DashboardServer(HttpServer server, ExecutorService executor, byte[] page) {
        this.server = server;
        this.executor = executor;
        this.page = page;
    }

    /** Starts serving on 127.0.0.1 at {@code port} (0: a free port, see {@link #url()}). */
    public static DashboardServer start(int port, Supplier<JsonNode> state) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port " + port + " is not a TCP port: give 0..65535 "
                    + "(0 picks a free one)");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (BindException e) {
            throw new IOException("dashboard port " + port + " on 127.0.0.1 is taken (" + e.getMessage()
                    + "); give another port, or 0 for a free one", e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spinnoise-dashboard");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        DashboardServer dashboard = new DashboardServer(http, executor, loadPage());
        http.createContext("/", exchange -> dashboard.handle(exchange, state));
        http.start();
        LOG.info("dashboard on {}", dashboard.url());
        return dashboard;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:41234/}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, Supplier<JsonNode> state) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain", "the dashboard answers only requests addressed to 127.0.0.1 or "
                        + "localhost\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "only GET and HEAD\n");
            } else if (path.equals("/") || path.equals("/index.html")) {
                send(exchange, 200, "text/html", page);
            } else if (path.equals("/api/state")) {
                send(exchange, 200, "application/json", state(state));
            } else {
                send(exchange, 404, "text/plain", "not found: the dashboard serves / and /api/state\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard request failed: {}", e.toString());
        }
    }

    private static String state(Supplier<JsonNode> state) {
        try {
            return state.get().toString();
        } catch (RuntimeException e) {
            LOG.warn("dashboard state failed: {}", e.toString());
            return "{\"error\":" + TextNode.valueOf(String.valueOf(e.getMessage())) + "}";
        }
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type + "; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CSP);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] loadPage() {
        try (InputStream in = DashboardServer.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard.html is missing from the jar; rebuild spinnoise");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

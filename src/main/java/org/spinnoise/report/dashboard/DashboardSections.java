package org.spinnoise.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolException;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.serve.PoolJson;
import org.spinnoise.serve.ClientStats;
import org.spinnoise.serve.NoiseServer;
import org.spinnoise.serve.ServerStats;

/**
 * The dashboard's pool and service sections, as JSON with the same keys as the noise service's telemetry (so a
 * dashboard fed by telemetry and one fed in process show the same thing). Each is computed on the dashboard's thread
 * when the page asks; the pool, read without its lock, at most every {@value #POOL_REFRESH_SECONDS} s.
 */
public final class DashboardSections {
    public static final int POOL_REFRESH_SECONDS = 2;
    /** The service's counters shown as rates. */
    public static final List<String> SERVICE_COUNTERS = List.of("requests", "replies", "errors", "normals_served",
            "bytes_served", "hardware_bits_served");
    /** Each client's counters shown as rates. */
    public static final List<String> CLIENT_COUNTERS = List.of("requests", "normals_served", "bytes_served",
            "hardware_bits_served");

    private DashboardSections() {
    }

    /** The pool in {@code dir}, read with {@link EntropyPool#inspect} (safe while another process holds it). */
    public static Supplier<JsonNode> pool(Path dir) {
        return cached(() -> {
            try {
                return pool(EntropyPool.inspect(dir));
            } catch (PoolException e) {
                return JsonNodeFactory.instance.objectNode().put("dir", dir.toString()).put("error", e.getMessage());
            }
        });
    }

    /** The pool as this process holds it open. */
    public static Supplier<JsonNode> pool(Supplier<PoolStatus> status) {
        return cached(() -> pool(status.get()));
    }

    public static ObjectNode pool(PoolStatus p) {
        return PoolJson.of(p);
    }

    /** The service's counters and their rates per second. */
    public static Supplier<JsonNode> service(NoiseServer server) {
        UnaryOperator<JsonNode> rates = withRates(TimeUnit.MILLISECONDS.toNanos(900));
        return () -> {
            ServerStats s = server.stats();
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("endpoint", server.endpoint()).put("telemetry", server.telemetryEndpoint())
                    .put("clients", s.clients()).put("in_flight", s.inFlight())
                    .put("unsent_reply_bytes", s.unsentReplyBytes()).put("requests", s.requests())
                    .put("replies", s.replies()).put("errors", s.errors()).put("dropped", s.dropped())
                    .put("normals_served", s.normalsServed()).put("bytes_served", s.bytesServed())
                    .put("hardware_bits_served", s.hardwareBitsServed()).put("sessions_expired", s.sessionsExpired())
                    .put("auth_refusals", s.authRefusals()).put("queued_reply_bytes", s.queuedReplyBytes())
                    .put("unanswered", s.unanswered());
            ArrayNode clients = n.putArray("client_list");
            for (ClientStats c : server.clientStats()) {
                clients.addObject().put("name", c.name()).put("requests", c.requests())
                        .put("normals_served", c.normalsServed()).put("bytes_served", c.bytesServed())
                        .put("hardware_bits_served", c.hardwareBitsServed())
                        .put("unsent_reply_bytes", c.unsentReplyBytes());
            }
            return rates.apply(n);
        };
    }

    /**
     * The service's and each client's rates over the interval since the snapshot at least {@code minIntervalNanos}
     * older (0 for telemetry messages, which come once an interval).
     */
    public static UnaryOperator<JsonNode> withRates(long minIntervalNanos) {
        CounterRates service = new CounterRates(SERVICE_COUNTERS, minIntervalNanos, System::nanoTime);
        ClientRates clients = new ClientRates(CLIENT_COUNTERS, minIntervalNanos, System::nanoTime);
        return snapshot -> clients.withRates(service.withRates(snapshot));
    }

    private static Supplier<JsonNode> cached(Supplier<JsonNode> read) {
        long refreshNanos = TimeUnit.SECONDS.toNanos(POOL_REFRESH_SECONDS);
        return new Supplier<>() {
            private JsonNode last;
            private long readAt;

            @Override
            public synchronized JsonNode get() {
                long now = System.nanoTime();
                if (last == null || now - readAt >= refreshNanos) {
                    last = read.get();
                    readAt = now;
                }
                return last;
            }
        };
    }
}

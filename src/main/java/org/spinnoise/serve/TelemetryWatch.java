package org.spinnoise.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A subscriber to a noise service's telemetry on this machine, for a dashboard in another process: one daemon thread
 * keeps the latest {@code telemetry} message (passed through {@code enrich}, e.g. to add rates) and the last events.
 * A PUB socket may ignore a new subscriber now and then, so after {@value #SILENCE_MS} ms without a message the
 * subscriber is replaced by a fresh one, as the protocol tells clients to do. Only loopback endpoints are accepted.
 */
public final class TelemetryWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SILENCE_MS = 3000;
    private static final int EVENTS = 20;

    private final String endpoint;
    private final UnaryOperator<JsonNode> enrich;
    private final ZContext context = new ZContext();
    private final Thread thread;
    private final ArrayDeque<JsonNode> events = new ArrayDeque<>();
    private volatile boolean running = true;
    private JsonNode latest;
    private long latestAtNanos;

    private TelemetryWatch(String endpoint, UnaryOperator<JsonNode> enrich) {
        this.endpoint = endpoint;
        this.enrich = enrich;
        this.thread = new Thread(this::loop, "spinnoise-telemetry-watch");
        thread.setDaemon(true);
    }

    /** Subscribes to the telemetry at {@code endpoint} (tcp://127.0.0.1:PORT); refuses other hosts. */
    public static TelemetryWatch start(String endpoint, UnaryOperator<JsonNode> enrich) {
        BindAddress address;
        try {
            address = BindAddress.parse(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--telemetry '" + endpoint + "' is not a TCP endpoint: give the one "
                    + "spinnoise serve printed, e.g. tcp://127.0.0.1:5556");
        }
        if (!address.loopback() || address.port() == 0) {
            throw new IllegalArgumentException("--telemetry '" + endpoint + "': the dashboard reads a service on this "
                    + "machine only; give its loopback endpoint and port, e.g. tcp://127.0.0.1:5556");
        }
        TelemetryWatch watch = new TelemetryWatch(endpoint, enrich);
        watch.thread.start();
        return watch;
    }

    /**
     * The latest telemetry (enriched) with {@code endpoint}, {@code age_s} and the last {@code events}; or, before the
     * first message, an object with {@code endpoint} and an {@code error} saying none came yet.
     */
    public synchronized ObjectNode json() {
        ObjectNode n = latest == null ? JsonNodeFactory.instance.objectNode() : latest.deepCopy();
        n.put("endpoint", endpoint);
        if (latest == null) {
            n.put("error", "no telemetry from " + endpoint + " yet (is spinnoise serve running with telemetry on?)");
        } else {
            n.put("age_s", (System.nanoTime() - latestAtNanos) / 1e9);
        }
        n.putArray("events").addAll(events);
        return n;
    }

    private void loop() {
        while (running) {
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            try {
                sub.subscribe("");
                sub.setReceiveTimeOut(SILENCE_MS);
                sub.setIPv6(endpoint.contains("://["));
                sub.connect(endpoint);
                while (running) {
                    String topic = sub.recvStr();
                    if (topic == null) {
                        break; // silence: a fresh subscriber
                    }
                    String body = sub.hasReceiveMore() ? sub.recvStr() : null;
                    if (body != null) {
                        accept(topic, body);
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.debug("telemetry subscriber on {} failed: {}", endpoint, e.toString());
                }
            } finally {
                try {
                    context.destroySocket(sub);
                } catch (RuntimeException closed) {
                    // the context was closed under it: the watch is ending
                }
            }
        }
    }

    private void accept(String topic, String body) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            LOG.debug("unreadable telemetry from {}: {}", endpoint, e.getMessage());
            return;
        }
        if (topic.equals("telemetry")) {
            JsonNode enriched = enrich.apply(message);
            synchronized (this) {
                latest = enriched;
                latestAtNanos = System.nanoTime();
            }
        } else if (topic.equals("event")) {
            synchronized (this) {
                if (events.size() == EVENTS) {
                    events.removeFirst();
                }
                events.addLast(message);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        context.close();
        try {
            thread.join(SILENCE_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

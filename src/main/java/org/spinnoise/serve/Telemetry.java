package org.spinnoise.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.ZMQ;

/**
 * The service's PUB socket: every interval a {@code telemetry} message (pool level and accounting, the service's
 * counters), and an {@code event} message when something happens that an operator wants to see at once (pool
 * exhausted, a CURVE refusal, a silent client's session freed, new corruption or quarantine in the pool). Each message
 * is two frames, topic and one JSON object. Only the loop thread touches the socket; other threads queue events.
 */
final class Telemetry {
    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZMQ.Socket pub;
    private final Supplier<PoolStatus> pool;
    private final Set<NoiseMode> modes;
    private final long startNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<ObjectNode> pendingEvents = new ConcurrentLinkedQueue<>();
    private long lastCorruptBytes = -1;
    private long lastQuarantinedBits = -1;
    private final EventThrottle throttle = new EventThrottle(TimeUnit.SECONDS.toNanos(1), System::nanoTime);

    /** @param pub the bound PUB socket, or null when telemetry is off (events are then only logged) */
    Telemetry(ZMQ.Socket pub, Supplier<PoolStatus> pool, Set<NoiseMode> modes) {
        this.pub = pub;
        this.pool = pool;
        this.modes = modes;
    }

    /** Queues an event; safe from any thread. */
    void event(String kind, String client, String message) {
        pendingEvents.add(eventNode(kind, client, message));
    }

    /**
     * Queues an event that a client can cause with every request (pool exhausted): at most one a second per client,
     * each saying how many like it were held back since the last ({@code held_back}).
     */
    void throttledEvent(String kind, String client, String message) {
        long heldBack = throttle.admit(kind, client);
        if (heldBack >= 0) {
            pendingEvents.add(eventNode(kind, client, message).put("held_back", heldBack));
        }
    }

    private static ObjectNode eventNode(String kind, String client, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("time", Instant.now().toString()).put("event", kind);
        if (client != null) {
            e.put("client", client);
        }
        e.put("message", message);
        return e;
    }

    /** Sends the queued events (loop thread). */
    void flushEvents() {
        for (ObjectNode e; (e = pendingEvents.poll()) != null; ) {
            send("event", e);
        }
    }

    /** Sends one telemetry message, and a health event when the pool's corruption or quarantine grew (loop thread). */
    void publish(ServerStats stats, List<ClientStats> clients) {
        ObjectNode t = JSON.createObjectNode();
        t.put("time", Instant.now().toString());
        t.put("uptime_s", (System.nanoTime() - startNanos) / 1e9);
        ArrayNode modeList = t.putArray("modes");
        modes.forEach(m -> modeList.add(m.label()));
        t.put("clients", stats.clients()).put("in_flight", stats.inFlight())
                .put("unsent_reply_bytes", stats.unsentReplyBytes()).put("requests", stats.requests())
                .put("replies", stats.replies()).put("errors", stats.errors()).put("dropped", stats.dropped())
                .put("normals_served", stats.normalsServed()).put("bytes_served", stats.bytesServed())
                .put("hardware_bits_served", stats.hardwareBitsServed())
                .put("sessions_expired", stats.sessionsExpired()).put("auth_refusals", stats.authRefusals())
                .put("queued_reply_bytes", stats.queuedReplyBytes()).put("unanswered", stats.unanswered())
                .put("overruns", stats.overruns()).put("clients_gone", stats.clientsGone());
        ArrayNode clientList = t.putArray("client_list");
        for (ClientStats c : clients) {
            clientList.addObject().put("name", c.name()).put("requests", c.requests())
                    .put("normals_served", c.normalsServed()).put("bytes_served", c.bytesServed())
                    .put("hardware_bits_served", c.hardwareBitsServed()).put("unsent_reply_bytes", c.unsentReplyBytes())
                    .put("queued_reply_bytes", c.queuedReplyBytes()).put("unanswered", c.unanswered());
        }
        PoolStatus p = pool == null ? null : pool.get();
        if (p != null) {
            t.set("pool", PoolJson.of(p));
            healthEvents(p);
        }
        flushEvents();
        send("telemetry", t);
    }

    private void healthEvents(PoolStatus p) {
        if (lastCorruptBytes >= 0 && p.corruptBytes() > lastCorruptBytes) {
            event("health", null, "pool " + p.dir() + ": " + (p.corruptBytes() - lastCorruptBytes)
                    + " more corrupt bytes skipped");
        }
        if (lastQuarantinedBits >= 0 && p.quarantinedBits() > lastQuarantinedBits) {
            event("health", null, "pool " + p.dir() + ": " + (p.quarantinedBits() - lastQuarantinedBits)
                    + " more raw bits quarantined by the health tests");
        }
        lastCorruptBytes = p.corruptBytes();
        lastQuarantinedBits = p.quarantinedBits();
    }

    private void send(String topic, ObjectNode body) {
        if (pub == null) {
            LOG.debug("{} {}", topic, body);
            return;
        }
        // A PUB socket drops rather than blocks for a slow subscriber; DONTWAIT makes that explicit.
        pub.sendMore(topic);
        pub.send(body.toString(), ZMQ.DONTWAIT);
    }
}

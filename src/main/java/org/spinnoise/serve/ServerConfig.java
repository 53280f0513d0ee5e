package org.spinnoise.serve;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.spinnoise.noise.NoiseMode;

/**
 * How a {@link NoiseServer} runs: where it binds, which modes it serves, its per-client limits (largest reply,
 * requests in flight, idle time before a silent client's session and credit are freed), how many threads generate,
 * where telemetry goes, and CURVE. A non-loopback bind without CURVE is refused by {@link NoiseServer#start}.
 *
 * @param bind                 the request socket's endpoint
 * @param telemetry            the PUB socket's endpoint, or null for none
 * @param modes                modes a client may ask for
 * @param maxReplyBytes        largest payload of one reply; bigger requests get {@link ErrorCode#OVERSIZED}
 * @param maxInFlightPerClient requests a client may have queued, generating or unsent at once
 * @param maxClients           sessions at once; a new client beyond this gets {@link ErrorCode#SERVER_BUSY}
 * @param maxClientQueueBytes  reply payload bytes one client may have accepted and not yet taken by its connection
 *                             (waiting, being generated, or held); more gets {@link ErrorCode#CREDIT_EXCEEDED}
 * @param maxQueueBytes        the same summed over every client; more gets {@link ErrorCode#SERVER_BUSY}
 * @param idleTimeout          a client silent this long loses its session, queued replies and streams
 * @param workers              threads that generate replies while several clients are busy; 0: the socket thread
 *                             generates every reply (it always does for a lone busy client)
 * @param telemetryInterval    time between telemetry messages
 * @param curve                CURVE keys and allow-list, or null for none
 * @param consumer             the name the pool accounts served bytes to
 * @param seed                 seeds the per-client streams that take a seed (prng)
 */
public record ServerConfig(BindAddress bind, BindAddress telemetry, Set<NoiseMode> modes, int maxReplyBytes,
                           int maxInFlightPerClient, int maxClients, long maxClientQueueBytes, long maxQueueBytes,
                           Duration idleTimeout, int workers,
                           Duration telemetryInterval, Curve curve, String consumer, long seed) {

    /** Hard ceiling on {@code maxReplyBytes}: 64 MiB keeps one reply well inside a JVM array and a TCP window. */
    public static final int REPLY_BYTES_CEILING = 64 << 20;
    /** Default of {@code maxClientQueueBytes}: eight 1 MiB replies, four times a default client's pipeline. */
    public static final long DEFAULT_CLIENT_QUEUE_BYTES = 8L << 20;
    /** Default of {@code maxQueueBytes}: what the launcher's heap leaves room for beside everything else. */
    public static final long DEFAULT_QUEUE_BYTES = 128L << 20;

    /** The server's CURVE key pair and the Z85 public keys of the clients it admits. */
    public record Curve(CurveKeys.KeyPair serverKeys, Set<String> allowedClientKeys) {
        public Curve {
            Objects.requireNonNull(serverKeys, "serverKeys");
            allowedClientKeys = Set.copyOf(allowedClientKeys);
        }
    }

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        modes = modes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(modes));
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("the service needs at least one mode to serve (trng, drbg, prng)");
        }
        if (maxReplyBytes < 1024 || maxReplyBytes > REPLY_BYTES_CEILING) {
            throw new IllegalArgumentException("largest reply " + maxReplyBytes + " bytes: choose 1024 .. "
                    + REPLY_BYTES_CEILING);
        }
        if (maxInFlightPerClient < 1 || maxClients < 1) {
            throw new IllegalArgumentException("requests in flight and clients must each be at least 1");
        }
        if (maxClientQueueBytes < maxReplyBytes || maxQueueBytes < maxClientQueueBytes) {
            throw new IllegalArgumentException("queue bounds: one client's (" + maxClientQueueBytes + " bytes) must "
                    + "be at least the largest reply (" + maxReplyBytes + " bytes), and the total (" + maxQueueBytes
                    + " bytes) at least one client's");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers " + workers + ": choose 0 (the socket thread generates) or more");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || telemetryInterval.isNegative()
                || telemetryInterval.isZero()) {
            throw new IllegalArgumentException("idle timeout and telemetry interval must be positive");
        }
        Objects.requireNonNull(consumer, "consumer");
    }

    /**
     * Loopback on an ephemeral port, every mode, 1 MiB replies, 16 in flight, 256 clients, queues of 8 MiB per client
     * and 128 MiB in all, 10 s idle timeout, no telemetry, {@link #defaultWorkers()}.
     */
    public static ServerConfig loopback() {
        return new ServerConfig(BindAddress.parse("tcp://127.0.0.1:0"), null, EnumSet.allOf(NoiseMode.class),
                1 << 20, 16, 256, DEFAULT_CLIENT_QUEUE_BYTES, DEFAULT_QUEUE_BYTES, Duration.ofSeconds(10), defaultWorkers(), Duration.ofSeconds(1), null, "serve", 1L);
    }

    /**
     * Generator threads for this machine: one per core beside the socket thread's, and none on a machine of one or
     * two cores, where the socket thread and JeroMQ's I/O thread already fill the cores and handing replies to a
     * worker costs more (two thread wake-ups per reply) than generating in parallel gains.
     */
    public static int defaultWorkers() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores <= 2 ? 0 : cores - 1;
    }

    public ServerConfig withBind(BindAddress b) {
        return new ServerConfig(b, telemetry, modes, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                workers, telemetryInterval, curve, consumer, seed);
    }

    public ServerConfig withTelemetry(BindAddress t, Duration interval) {
        return new ServerConfig(bind, t, modes, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                workers, interval, curve, consumer, seed);
    }

    public ServerConfig withModes(Set<NoiseMode> m) {
        return new ServerConfig(bind, telemetry, m, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                workers, telemetryInterval, curve, consumer, seed);
    }

    /** Per-client limits; the queue bounds grow to hold at least one reply of the new size. */
    public ServerConfig withLimits(int replyBytes, int inFlight, int clients, Duration idle) {
        long clientQueue = Math.max(maxClientQueueBytes, replyBytes);
        return new ServerConfig(bind, telemetry, modes, replyBytes, inFlight, clients, clientQueue,
                Math.max(maxQueueBytes, clientQueue), idle, workers, telemetryInterval, curve, consumer, seed);
    }

    /** Bounds on reply bytes accepted and not yet taken by the clients' connections: per client and in all. */
    public ServerConfig withQueueBounds(long perClientBytes, long totalBytes) {
        return new ServerConfig(bind, telemetry, modes, maxReplyBytes, maxInFlightPerClient, maxClients,
                perClientBytes, totalBytes, idleTimeout, workers, telemetryInterval, curve, consumer, seed);
    }

    public ServerConfig withWorkers(int w) {
        return new ServerConfig(bind, telemetry, modes, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                w, telemetryInterval, curve, consumer, seed);
    }

    public ServerConfig withCurve(Curve c) {
        return new ServerConfig(bind, telemetry, modes, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                workers, telemetryInterval, c, consumer, seed);
    }

    public ServerConfig withConsumer(String name, long streamSeed) {
        return new ServerConfig(bind, telemetry, modes, maxReplyBytes, maxInFlightPerClient, maxClients, maxClientQueueBytes, maxQueueBytes, idleTimeout,
                workers, telemetryInterval, curve, name, streamSeed);
    }
}

package org.spinnoise.serve;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.PoolStatus;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The ZeroMQ noise service: a ROUTER socket answering requests for float32 normals or raw bytes in the modes the
 * server permits, with credit-based flow control (a client's outstanding requests are its credit, capped per client;
 * the server generates only what was asked), a stream per client and mode, CURVE with an allow-list when configured
 * (always for a non-loopback bind), and a PUB socket for telemetry. The wire format is in PROTOCOL.md next to this
 * class. {@link #close} stops it and closes every client stream.
 */
public final class NoiseServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NoiseServer.class);
    /** No request frame is anywhere near this; a peer that sends a bigger one is disconnected by the socket. */
    private static final long MAX_REQUEST_FRAME_BYTES = 1024;
    /** Replies the ROUTER's queue to one client holds before the server keeps them in its own, counted queue. */
    static final int SOCKET_QUEUE_REPLIES = 1;
    private static final int KEEPALIVE_IDLE_SECONDS = 30;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    private static final int KEEPALIVE_PROBES = 4;
    private static final String ZAP_DOMAIN = "spinnoise";
    private static final AtomicInteger WAKE_ENDPOINTS = new AtomicInteger();

    private final ZContext context;
    private final ZapHandler zap;
    private final ServiceLoop loop;
    private final Thread loopThread;
    private final ServiceCounters counters;
    private final String endpoint;
    private final String telemetryEndpoint;

    private NoiseServer(ZContext context, ZapHandler zap, ServiceLoop loop, ServiceCounters counters,
                        String endpoint, String telemetryEndpoint) {
        this.context = context;
        this.zap = zap;
        this.loop = loop;
        this.counters = counters;
        this.endpoint = endpoint;
        this.telemetryEndpoint = telemetryEndpoint;
        this.loopThread = new Thread(loop, "spinnoise-serve");
    }

    /**
     * Binds and starts the service.
     *
     * @param sources opens each client's stream per mode
     * @param pool    the pool level for telemetry, or null
     * @throws IllegalArgumentException a non-loopback bind without CURVE, or a bind that fails (one line each)
     */
    public static NoiseServer start(ServerConfig config, NoiseSourceFactory sources, Supplier<PoolStatus> pool) {
        Objects.requireNonNull(sources, "sources");
        requireCurveOffLoopback(config.bind(), config.curve());
        if (config.telemetry() != null) {
            requireCurveOffLoopback(config.telemetry(), config.curve());
        }
        ZContext context = new ZContext(1);
        ZapHandler zap = null;
        ExecutorService workers = null;
        try {
            Telemetry[] telemetryHolder = new Telemetry[1];
            if (config.curve() != null) {
                zap = new ZapHandler(context, config.curve().allowedClientKeys(),
                        who -> telemetryHolder[0].event("auth_refused", null, "CURVE refused " + who));
            }
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            router.setRouterMandatory(true);
            // The socket's own queue to a client, which the server cannot see into, holds only a few replies: the
            // rest wait in the server's queue, where the queue bounds count them (PROTOCOL.md, "Flow control").
            router.setSndHWM(SOCKET_QUEUE_REPLIES);
            router.setMaxMsgSize(MAX_REQUEST_FRAME_BYTES);
            router.setLinger(0);
            // No ZMTP heartbeat: a client that does not read cannot answer one (its ZeroMQ stops reading the
            // connection), so a heartbeat timeout would cut off slow readers and lose their replies and requests.
            // TCP keepalive, which the peer's kernel answers, finds a machine that vanished; a closed or killed
            // client's connection ends at once.
            router.setTCPKeepAlive(1);
            router.setTCPKeepAliveIdle(KEEPALIVE_IDLE_SECONDS);
            router.setTCPKeepAliveInterval(KEEPALIVE_INTERVAL_SECONDS);
            router.setTCPKeepAliveCount(KEEPALIVE_PROBES);
            String endpoint = bind(router, config.bind(), config.curve(), "noise service");
            String telemetryEndpoint = null;
            ZMQ.Socket pub = null;
            if (config.telemetry() != null) {
                pub = context.createSocket(SocketType.PUB);
                pub.setLinger(0);
                pub.setSndHWM(100);
                telemetryEndpoint = bind(pub, config.telemetry(), config.curve(), "telemetry");
            }
            Telemetry telemetry = new Telemetry(pub, pool, config.modes());
            telemetryHolder[0] = telemetry;
            if (config.workers() > 0) {
                AtomicInteger workerNumber = new AtomicInteger();
                workers = Executors.newFixedThreadPool(config.workers(), r -> {
                    Thread t = new Thread(r, "spinnoise-serve-worker-" + workerNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            ZapHandler zapHandler = zap;
            ServiceCounters counters = new ServiceCounters(() -> zapHandler == null ? 0 : zapHandler.refusals());
            // Workers wake the loop through the router itself, from a DEALER whose routing id no client can guess.
            String wakeEndpoint = "inproc://spinnoise-serve-wake-" + WAKE_ENDPOINTS.incrementAndGet();
            router.bind(wakeEndpoint);
            byte[] wakeIdentity = new byte[16];
            new SecureRandom().nextBytes(wakeIdentity);
            wakeIdentity[0] = 1; // a routing id starting with 0 is reserved for ones the ROUTER makes up
            ZMQ.Socket wakeSender = context.createSocket(SocketType.DEALER);
            wakeSender.setIdentity(wakeIdentity);
            wakeSender.setLinger(0);
            wakeSender.connect(wakeEndpoint);
            ServiceLoop loop = new ServiceLoop(config, router, wakeSender, wakeIdentity, workers,
                    new ReplyGenerator(sources, config.consumer()), telemetry, counters);
            NoiseServer server = new NoiseServer(context, zap, loop, counters, endpoint, telemetryEndpoint);
            server.loopThread.start();
            LOG.info("noise service on {} (modes {}, CURVE {}), telemetry {}", endpoint, config.modes(),
                    config.curve() == null ? "off" : "on", telemetryEndpoint == null ? "off" : telemetryEndpoint);
            return server;
        } catch (RuntimeException e) {
            if (workers != null) {
                workers.shutdownNow();
            }
            if (zap != null) {
                zap.close();
            }
            context.close();
            throw e;
        }
    }

    /** Refuses, in one line, a bind that other machines can reach when no CURVE keys are configured. */
    static void requireCurveOffLoopback(BindAddress address, ServerConfig.Curve curve) {
        if (!address.loopback() && curve == null) {
            throw new IllegalArgumentException("refusing to bind " + address.zmqEndpoint() + " without CURVE: "
                    + "a non-loopback address needs --curve-server-key and --curve-allow (see 'spinnoise serve "
                    + "keygen'), or bind 127.0.0.1");
        }
    }

    private static String bind(ZMQ.Socket socket, BindAddress address, ServerConfig.Curve curve, String what) {
        if (curve != null) {
            socket.setZapDomain(ZAP_DOMAIN);
            socket.setCurveServer(true);
            socket.setCurveSecretKey(curve.serverKeys().secretKey());
            socket.setCurvePublicKey(curve.serverKeys().publicKey());
        }
        // JeroMQ binds an IPv6 literal such as [::1] only on a socket told to speak IPv6
        socket.setIPv6(address.host().startsWith("["));
        try {
            socket.bind(address.zmqEndpoint());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot bind the " + what + " to " + address.zmqEndpoint() + ": "
                    + bindFailure(e), e);
        }
        return socket.getLastEndpoint();
    }

    /** What a failed bind means to the user (JeroMQ reports only an errno). */
    private static String bindFailure(RuntimeException e) {
        if (e instanceof ZMQException z) {
            if (z.getErrorCode() == ZMQ.Error.EADDRINUSE.getCode()) {
                return "the port is in use; stop what holds it or choose another port";
            }
            if (z.getErrorCode() == ZMQ.Error.EADDRNOTAVAIL.getCode()) {
                return "this machine has no such address; bind to one of its own addresses";
            }
            return ZMQ.Error.findByCode(z.getErrorCode()) + " (" + z.getMessage() + ")";
        }
        return e.getMessage();
    }

    /** The request endpoint actually bound (with the ephemeral port resolved). */
    public String endpoint() {
        return endpoint;
    }

    /** The telemetry endpoint actually bound, or null when telemetry is off. */
    public String telemetryEndpoint() {
        return telemetryEndpoint;
    }

    public ServerStats stats() {
        return counters.snapshot();
    }

    /** Each client session's counts, as of the last telemetry interval. */
    public java.util.List<ClientStats> clientStats() {
        return loop.clientStats();
    }

    /** Stops the loop, waits for it (even if the caller was interrupted), then closes the sockets and threads. */
    @Override
    public void close() {
        loop.stop();
        boolean interrupted = Thread.interrupted();
        while (loopThread.isAlive()) {
            try {
                loopThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // Closing the context is interrupted (EINTR) on an interrupted thread; restore the flag afterwards.
        if (zap != null) {
            zap.close();
        }
        context.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.spinnoise.sim.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One noise client of the soak, on its own thread and its own DEALER socket, speaking the protocol from
 * serve/PROTOCOL.md ({@link ServiceWire}), always in trng mode: every reply it receives goes to the range check and
 * the content check. Its {@link Behaviour} is how it treats the service: a normal client keeps four requests in
 * flight and reads at once; a slow one sends a burst and reads it only after a pause (the server must hold the
 * replies); a vanishing one closes its socket with requests outstanding and comes back on a new one after a while.
 */
final class SoakClient implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SoakClient.class);
    private static final int REPLY_BYTES = 64 << 10;
    private static final int SLOW_REPLY_BYTES = 16 << 10;
    private static final int IN_FLIGHT = 4;
    private static final int POLL_MILLIS = 200;

    /** How a client treats the service. */
    enum Behaviour { NORMAL, SLOW, VANISHING }

    /** What one client did and saw. */
    static final class Counts {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong replies = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong exhausted = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong lostReplies = new AtomicLong();
        final AtomicLong abandonedRequests = new AtomicLong();
        final AtomicLong overlaps = new AtomicLong();
        final AtomicLong accountingMismatches = new AtomicLong();
        final AtomicLong vanishes = new AtomicLong();
        final AtomicLong returns = new AtomicLong();
        final AtomicLong outstandingAtStop = new AtomicLong();
    }

    private final String name;
    private final Behaviour behaviour;
    private final String endpoint;
    private final Duration idleTimeout;
    private final ServedRanges ranges;
    private final ServedFingerprints fingerprints;
    private final SplittableRandom random;
    private final BooleanSupplier running;
    private final Counts counts = new Counts();
    private final Set<Long> inFlight = new HashSet<>();
    private ZContext context;
    private ZMQ.Socket socket;
    private long nextId = 1;
    private long lastReplyNanos;

    SoakClient(String name, Behaviour behaviour, String endpoint, Duration idleTimeout, ServedRanges ranges,
               ServedFingerprints fingerprints, long seed, BooleanSupplier running) {
        this.name = name;
        this.behaviour = behaviour;
        this.endpoint = endpoint;
        this.idleTimeout = idleTimeout;
        this.ranges = ranges;
        this.fingerprints = fingerprints;
        this.random = new SplittableRandom(seed);
        this.running = running;
    }

    String name() {
        return name;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    Counts counts() {
        return counts;
    }

    @Override
    public void run() {
        try {
            switch (behaviour) {
                case NORMAL -> normal();
                case SLOW -> slow();
                case VANISHING -> vanishing();
                default -> throw new IllegalStateException("no behaviour " + behaviour);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("soak client {} failed", name, e);
            counts.errors.incrementAndGet();
        } finally {
            counts.outstandingAtStop.addAndGet(inFlight.size());
            disconnect(false);
        }
    }

    private void normal() throws IOException, InterruptedException {
        connect();
        while (running.getAsBoolean() && socket != null) {
            fill(REPLY_BYTES);
            receiveOne();
        }
    }

    /** Bursts of requests read only after a pause below the idle timeout: the server holds the replies meanwhile. */
    private void slow() throws IOException, InterruptedException {
        connect();
        long pauseMillis = Math.max(50, idleTimeout.toMillis() / 3);
        while (running.getAsBoolean() && socket != null) {
            fill(SLOW_REPLY_BYTES);
            Thread.sleep(pauseMillis + random.nextLong(pauseMillis));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!inFlight.isEmpty() && System.nanoTime() < until && running.getAsBoolean()) {
                receiveOne();
            }
        }
    }

    /** Reads normally for a while, then closes its socket with requests outstanding and returns later. */
    private void vanishing() throws IOException, InterruptedException {
        while (running.getAsBoolean()) {
            connect();
            if (socket == null) {
                break;
            }
            long until = System.nanoTime() + Duration.ofMillis(1_000 + random.nextLong(4_000)).toNanos();
            while (System.nanoTime() < until && running.getAsBoolean()) {
                fill(REPLY_BYTES);
                receiveOne();
            }
            if (!running.getAsBoolean()) {
                break;
            }
            fill(REPLY_BYTES);
            disconnect(true);
            counts.vanishes.incrementAndGet();
            // away for half to twice the idle timeout: sometimes the session has expired, sometimes not
            long awayMillis = idleTimeout.toMillis() / 2 + random.nextLong(Math.max(1, idleTimeout.toMillis() * 3 / 2));
            long back = System.nanoTime() + awayMillis * 1_000_000;
            while (System.nanoTime() < back && running.getAsBoolean()) {
                Thread.sleep(Math.min(POLL_MILLIS, awayMillis));
            }
            if (running.getAsBoolean()) {
                counts.returns.incrementAndGet();
            }
        }
    }

    /** Tops the requests in flight up to four, each of 1/16 to all of {@code maxReplyBytes}, normals or bytes. */
    private void fill(int maxReplyBytes) {
        while (inFlight.size() < IN_FLIGHT) {
            boolean normals = random.nextBoolean();
            int replyBytes = Float.BYTES * (1 + random.nextInt(maxReplyBytes / Float.BYTES / 16,
                    maxReplyBytes / Float.BYTES));
            long id = nextId;
            nextId = (nextId + 1) & 0xFFFF_FFFFL;
            socket.send(ServiceWire.request(normals ? ServiceWire.TYPE_NORMALS : ServiceWire.TYPE_BYTES,
                    ServiceWire.MODE_TRNG, id, normals ? replyBytes / Float.BYTES : replyBytes), 0);
            inFlight.add(id);
            counts.requests.incrementAndGet();
        }
    }

    /** Waits a poll interval for one reply; a connection silent for three idle timeouts has lost its replies. */
    private void receiveOne() throws IOException, InterruptedException {
        byte[] headerFrame = socket.recv(0);
        if (headerFrame == null) {
            if (System.nanoTime() - lastReplyNanos > 3 * idleTimeout.toNanos() && !inFlight.isEmpty()) {
                LOG.warn("soak client {}: {} replies never came; connecting again", name, inFlight.size());
                counts.lostReplies.addAndGet(inFlight.size());
                disconnect(false);
                connect();
            }
            return;
        }
        byte[] payload = socket.hasReceiveMore() ? socket.recv(0) : new byte[0];
        while (socket.hasReceiveMore()) {
            socket.recv(0);
        }
        lastReplyNanos = System.nanoTime();
        ServiceWire.Header header = ServiceWire.Header.decode(headerFrame);
        if (!inFlight.remove(header.requestId())) {
            counts.errors.incrementAndGet();
            LOG.warn("soak client {}: reply to request {} it has not outstanding", name, header.requestId());
            return;
        }
        if (header.type() == ServiceWire.TYPE_ERROR) {
            if (header.error() == ServiceWire.ERROR_POOL_EXHAUSTED) {
                counts.exhausted.incrementAndGet();
                Thread.sleep(100);
            } else {
                counts.errors.incrementAndGet();
                LOG.warn("soak client {}: error {}: {}", name, header.error(),
                        new String(payload == null ? new byte[0] : payload, java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        long itemBytes = header.type() == ServiceWire.TYPE_NORMALS ? Float.BYTES : 1;
        if (payload == null || payload.length != header.count() * itemBytes || header.advance() != payload.length) {
            counts.accountingMismatches.incrementAndGet();
            LOG.warn("soak client {}: reply {} holds {} bytes for count {} and advance {}", name, header.requestId(),
                    payload == null ? 0 : payload.length, header.count(), header.advance());
        }
        if (!ranges.add(header.position(), header.advance())) {
            counts.overlaps.incrementAndGet();
            LOG.error("soak client {}: trng range [{}, +{}) was served before", name, header.position(),
                    header.advance());
        }
        fingerprints.add(header.type(), payload == null ? new byte[0] : payload);
        counts.replies.incrementAndGet();
        counts.bytes.addAndGet(payload == null ? 0 : payload.length);
    }

    /**
     * Opens a socket and exchanges a ping: a fresh JeroMQ connection now and then never carries its first message
     * (NoiseClient says the same), and a reply missing for that reason is not the service's loss.
     */
    private void connect() throws InterruptedException {
        for (int attempt = 1; running.getAsBoolean(); attempt++) {
            context = new ZContext(1);
            socket = context.createSocket(SocketType.DEALER);
            socket.setLinger(0);
            socket.setReceiveTimeOut(1_000);
            socket.connect(endpoint);
            socket.send(ServiceWire.request(ServiceWire.TYPE_PING, 0, 0, 0), 0);
            byte[] pong = socket.recv(0);
            while (pong != null && socket.hasReceiveMore()) {
                socket.recv(0);
            }
            if (pong != null) {
                socket.setReceiveTimeOut(POLL_MILLIS);
                lastReplyNanos = System.nanoTime();
                return;
            }
            LOG.info("soak client {}: no pong on connection attempt {}; a new socket", name, attempt);
            context.close();
            context = null;
            socket = null;
            Thread.sleep(Math.min(1_000, 50L * attempt));
        }
    }

    /** Closes the socket; {@code abandoning} counts the requests left outstanding as given up on purpose. */
    private void disconnect(boolean abandoning) {
        if (abandoning) {
            counts.abandonedRequests.addAndGet(inFlight.size());
        }
        inFlight.clear();
        if (context != null) {
            context.close();
            context = null;
            socket = null;
        }
    }
}

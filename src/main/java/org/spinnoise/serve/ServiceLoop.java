package org.spinnoise.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The one thread that owns the service's sockets. It reads requests, checks them against the limits, queues the
 * accepted ones on their client's session and has each session's replies generated: by itself when that client is
 * the only busy one or when there are no workers, by a worker otherwise (see {@link #accept}); it sends finished
 * replies, queueing in the session those a client's full socket queue will not take (data replies count against the
 * client's credit and queue bounds, so a stalled client cannot make the server generate more; pongs and refusals
 * queue behind them, up to the overrun limit), so that every request gets its reply or is counted as unanswered
 * (PROTOCOL.md, "Flow control"); it ends the sessions of clients gone silent with nothing queued, and of clients
 * whose connection is gone, and publishes telemetry. Workers hand replies back through a queue and wake the loop with
 * an empty message that a DEALER, connected over inproc and known by a secret routing id, sends to the ROUTER
 * itself: the loop then waits in one blocking receive. (A ZMQ.Poller over the ROUTER and a wake-up socket costs
 * JeroMQ 0.6 several times the CPU of the whole reply path under load; an NIO pipe in that poller made it spin.)
 */
final class ServiceLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoop.class);
    private static final int MAX_READS_PER_TURN = 256;
    private static final long RETRY_MS = 2;
    private static final long HOUSEKEEPING_MS = 100;
    private static final byte[] EMPTY = new byte[0];
    /**
     * Pongs and refusals that may wait for one client before it counts as overrun (PROTOCOL.md, "Flow control"):
     * far more than a client that reads its replies ever has waiting (the socket's queue to a client holds one reply,
     * so a burst of refusals waits here until the connection takes them), a few hundred KiB at most.
     */
    static final int MAX_HELD_SMALL_REPLIES = 1024;
    /** Requests of one session a worker generates before letting other sessions' turns go first. */
    private static final int BATCH = 4;

    private final ServerConfig config;
    private final ZMQ.Socket router;
    private final ZMQ.Socket wakeSender;
    private final byte[] wakeIdentity;
    private final ExecutorService workers;
    private final ReplyGenerator generator;
    private final Telemetry telemetry;
    private final ServiceCounters counters;
    private final RequestChecks checks;
    private final Map<ByteBuffer, ClientSession> sessions = new HashMap<>();
    private final ConcurrentLinkedQueue<OutgoingReply> finished = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final SplittableRandom seeds;
    private final byte[] pongPayload;
    private volatile boolean running = true;
    /** The sessions' counts as of the last telemetry interval, for readers on other threads. */
    private volatile List<ClientStats> clientStats = List.of();
    private boolean blocked;
    /** Sessions with credit in use (accepted requests not yet sent); owned by the loop. */
    private int busySessions;
    /** Sessions whose generation the loop takes on itself once it has read what is waiting; owned by the loop. */
    private final ArrayDeque<ClientSession> inlineTurns = new ArrayDeque<>();

    /**
     * @param wakeSender   DEALER connected to the router over inproc; any thread may send on it under its monitor
     * @param wakeIdentity the wake sender's routing id, as the router sees it
     * @param workers      threads that generate for clients while several are busy, or null: the loop generates all
     */
    ServiceLoop(ServerConfig config, ZMQ.Socket router, ZMQ.Socket wakeSender, byte[] wakeIdentity,
                ExecutorService workers, ReplyGenerator generator, Telemetry telemetry, ServiceCounters counters) {
        this.config = config;
        this.router = router;
        this.wakeSender = wakeSender;
        this.wakeIdentity = wakeIdentity.clone();
        this.workers = workers;
        this.generator = generator;
        this.telemetry = telemetry;
        this.counters = counters;
        this.checks = new RequestChecks(config, counters);
        this.seeds = new SplittableRandom(config.seed());
        this.pongPayload = Wire.utf8(pongJson(config));
    }

    /** The sessions' counts as of the last telemetry interval (any thread). */
    List<ClientStats> clientStats() {
        return clientStats;
    }

    /**
     * Asks the loop to stop; it closes its sessions and returns within one receive timeout. Safe from any thread;
     * an interrupted caller sends no wake-up, since the interrupt would close JeroMQ's signalling channel.
     */
    void stop() {
        running = false;
        if (!Thread.currentThread().isInterrupted()) {
            wake();
        }
    }

    @Override
    public void run() {
        long nextHousekeeping = System.nanoTime();
        long nextTelemetry = System.nanoTime() + config.telemetryInterval().toNanos();
        try {
            while (running) {
                // With turns left from the last round the loop only looks for what arrived meanwhile (timeout 0).
                long waitMs = !inlineTurns.isEmpty() ? 0 : blocked ? RETRY_MS
                        : Math.max(1, (Math.min(nextHousekeeping, nextTelemetry) - System.nanoTime()) / 1_000_000);
                router.setReceiveTimeOut((int) waitMs);
                readMessages();
                takeInlineTurns();
                completeFinished();
                if (blocked) {
                    flushAll();
                }
                long now = System.nanoTime();
                if (now >= nextHousekeeping) {
                    expireSilentClients(now);
                    nextHousekeeping = now + HOUSEKEEPING_MS * 1_000_000;
                }
                if (now >= nextTelemetry) {
                    clientStats = sessions.values().stream().map(s -> new ClientStats(s.name, s.requests,
                            s.normalsServed, s.bytesServed, s.hardwareBitsServed, s.unsentBytes, s.queuedBytes,
                            s.unanswered)).toList();
                    telemetry.publish(counters.snapshot(), clientStats);
                    nextTelemetry = now + config.telemetryInterval().toNanos();
                } else {
                    telemetry.flushEvents();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("noise service loop failed; the service stops", e);
        } finally {
            shutDown();
        }
    }

    /** Called by workers: hands a reply to the loop and wakes it (one message per wake-up, not per reply). */
    private void deliver(OutgoingReply reply) {
        finished.add(reply);
        wake();
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            // The monitor makes the one PUSH socket safe to share: each send is a full hand-over between threads.
            synchronized (wakeSender) {
                if (!Thread.currentThread().isInterrupted()) {
                    wakeSender.send(EMPTY, ZMQ.DONTWAIT);
                }
            }
        }
    }

    /** Waits for the first message (up to the receive timeout), then reads what else is there, within a bound. */
    private void readMessages() {
        for (int i = 0; i < MAX_READS_PER_TURN; i++) {
            byte[] identity = router.recv(i == 0 ? 0 : ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            if (Arrays.equals(identity, wakeIdentity)) {
                // Cleared before the completion queue is read, so a later reply always brings a later wake-up.
                wakePending.set(false);
                while (router.hasReceiveMore()) {
                    router.recv(0);
                }
                continue;
            }
            List<byte[]> frames = new ArrayList<>(1);
            int frameCount = 0;
            while (router.hasReceiveMore()) {
                byte[] frame = router.recv(0);
                frameCount++;
                if (frames.size() < 4 && frame != null) {
                    frames.add(frame);
                }
            }
            counters.requests.incrementAndGet();
            try {
                handle(identity, frames, frameCount);
            } catch (RuntimeException e) {
                // One request must never take the service down; the client's request is dropped.
                LOG.error("handling a request from client {} failed; request dropped",
                        java.util.HexFormat.of().formatHex(identity), e);
                counters.dropped.incrementAndGet();
            }
        }
    }

    private void handle(byte[] identity, List<byte[]> frames, int frameCount) {
        long now = System.nanoTime();
        // A REQ socket puts an empty delimiter frame before the request and expects one before the reply.
        boolean delimited = frameCount == 2 && frames.get(0).length == 0;
        byte[] first = frames.isEmpty() ? new byte[0] : frames.get(delimited ? 1 : 0);
        ClientSession session = sessions.get(ByteBuffer.wrap(identity));
        if (session == null) {
            if (sessions.size() >= config.maxClients()) {
                RequestChecks.Refusal busy = checks.busy(first);
                if (sendNow(identity, delimited, busy.header(), busy.payload()) != Sent.SENT) {
                    // No session to hold it in: counted, as PROTOCOL.md says.
                    counters.unanswered.incrementAndGet();
                }
                return;
            }
            session = new ClientSession(identity, seeds.nextLong(), now);
            sessions.put(ByteBuffer.wrap(identity), session);
            counters.clients.incrementAndGet();
        }
        session.lastHeardNanos = now;
        session.requests++;
        session.delimited = delimited;
        if (session.overrun) {
            session.unanswered++;
            counters.unanswered.incrementAndGet();
            return;
        }
        Wire.Parsed parsed = frameCount == 1 || delimited ? Wire.parseRequest(first)
                : Wire.Parsed.refused(ErrorCode.MALFORMED, Wire.echoedRequestId(first), Wire.echoedModeByte(first),
                "malformed request: " + frameCount + " frames after the identity, a request is one frame (use a "
                        + "DEALER socket, or REQ)");
        Wire.Request r = parsed.request();
        if (r == null) {
            answer(session, checks.early(parsed));
        } else if (r.type() == RequestType.PING) {
            answer(session, new ReplyHeader(RequestType.PING, null, ErrorCode.OK, r.requestId(), 0, 0, 0, 0),
                    pongPayload);
        } else {
            RequestChecks.Refusal refusal = checks.check(session, r);
            if (refusal == null) {
                accept(session, r);
            } else {
                answer(session, refusal);
            }
        }
    }

    private void answer(ClientSession s, RequestChecks.Refusal refusal) {
        answer(s, refusal.header(), refusal.payload());
    }

    /**
     * Answers with a pong or a refusal, which take no credit: sent at once when nothing is queued for the client,
     * else queued behind what is. A client that has {@link #MAX_HELD_SMALL_REPLIES} of these waiting sends requests
     * without reading: this one is answered by the overrun error instead, and the client's requests go unanswered
     * (counted) until that error has left its queue.
     */
    private void answer(ClientSession s, ReplyHeader header, byte[] payload) {
        if (s.unsent.isEmpty()) {
            Sent sent = sendNow(s.identity, s.delimited, header, payload);
            if (sent == Sent.SENT) {
                return;
            }
            if (sent == Sent.PEER_GONE) {
                counters.dropped.incrementAndGet();
                clientGone(s);
                return;
            }
        }
        if (s.heldSmallReplies >= MAX_HELD_SMALL_REPLIES) {
            s.overrun = true;
            counters.overruns.incrementAndGet();
            String why = "this client sent requests without reading replies: " + s.heldSmallReplies
                    + " refusals wait for it already; this request and every one it sends until it has read this "
                    + "reply go unanswered";
            header = new ReplyHeader(RequestType.ERROR, header.mode(), ErrorCode.OVERRUN, header.requestId(), 0, 0, 0,
                    0);
            payload = Wire.utf8(why);
            telemetry.event("overrun", s.name, why);
            LOG.info("client {} overrun: {} refusals unread; its requests go unanswered until it reads", s.name,
                    s.heldSmallReplies);
        }
        s.heldSmallReplies++;
        hold(s, new OutgoingReply(s, header, payload, 0));
        blocked = true;
    }

    private void hold(ClientSession s, OutgoingReply reply) {
        s.unsent.add(reply);
        s.unsentBytes += reply.payloadBytes();
        counters.addUnsent(reply.payloadBytes());
    }

    /**
     * Counts the request against the client's credit and makes sure its generation is under way. The loop generates
     * the replies itself, once it has read the requests waiting (so a burst over the credit is refused all the
     * same), when this client is the only one with requests in flight or when there are no workers: one client's
     * stream is made in order anyway, and a worker adds two thread wake-ups per reply, a quarter of the reply path
     * on a 2-core machine. With workers and several busy clients, the workers generate in parallel while the loop
     * moves bytes.
     */
    private void accept(ClientSession session, Wire.Request r) {
        if (session.outstanding++ == 0) {
            busySessions++;
        }
        counters.inFlight.incrementAndGet();
        session.queuedBytes += r.payloadBytes();
        counters.addQueued(r.payloadBytes());
        if (session.enqueue(r)) {
            if (workers == null || busySessions == 1) {
                inlineTurns.add(session);
            } else {
                workers.execute(() -> generateFor(session));
            }
        }
    }

    /**
     * One round of the turns {@link #accept} left to the loop: at most {@code BATCH} replies per waiting client, after
     * which the loop reads what arrived, answers pings and publishes telemetry before the next round, however long
     * the clients' backlog. A turn goes to a worker instead if other clients became busy meanwhile.
     */
    private void takeInlineTurns() {
        // A worker's last replies for these sessions may still wait in the queue: they go first.
        completeFinished();
        for (int turns = inlineTurns.size(); turns > 0; turns--) {
            ClientSession session = inlineTurns.poll();
            if (workers != null && busySessions > 1) {
                ClientSession handedOver = session;
                workers.execute(() -> generateFor(handedOver));
                continue;
            }
            boolean released = false;
            for (int i = 0; i < BATCH && !released; i++) {
                Wire.Request next = session.next();
                released = next == null;
                if (!released) {
                    complete(generator.generate(session, next));
                }
            }
            if (!released) {
                inlineTurns.add(session);
            }
        }
    }

    /**
     * A worker's turn on one session: generates its waiting requests one after the other, without a round trip
     * through the loop between them, but at most {@code BATCH} before going to the back of the workers' queue, so
     * busy clients share the workers.
     */
    private void generateFor(ClientSession session) {
        for (int i = 0; i < BATCH; i++) {
            Wire.Request r = session.next();
            if (r == null) {
                return;
            }
            deliver(generator.generate(session, r));
        }
        try {
            workers.execute(() -> generateFor(session));
        } catch (RejectedExecutionException stopping) {
            // The service is stopping and has ended every session: this releases it and closes its streams.
            while (session.next() != null) {
                counters.dropped.incrementAndGet();
            }
        }
    }

    private void completeFinished() {
        for (OutgoingReply reply; (reply = finished.poll()) != null; ) {
            complete(reply);
        }
    }

    /** A generated reply: queued behind its session's held replies and sent as far as the socket takes them. */
    private void complete(OutgoingReply reply) {
        ClientSession s = reply.session();
        counters.generatedBytes.addAndGet(reply.payloadBytes());
        if (s.ended()) {
            // Its queue bytes were released when the session ended.
            counters.inFlight.decrementAndGet();
            counters.dropped.incrementAndGet();
            return;
        }
        if (reply.header().error() == ErrorCode.POOL_EXHAUSTED) {
            telemetry.throttledEvent("pool_exhausted", s.name, new String(reply.payload(), StandardCharsets.UTF_8));
        }
        hold(s, reply);
        flush(s);
    }

    private void flushAll() {
        blocked = false;
        for (ClientSession s : new ArrayList<>(sessions.values())) {
            if (!s.unsent.isEmpty()) {
                flush(s);
            }
        }
    }

    /** Sends a session's held replies in order until its socket queue is full; ends it if its peer is gone. */
    private void flush(ClientSession s) {
        while (!s.unsent.isEmpty()) {
            OutgoingReply reply = s.unsent.peek();
            Sent sent = sendNow(s.identity, s.delimited, reply.header(), reply.payload());
            if (sent == Sent.QUEUE_FULL) {
                blocked = true;
                return;
            }
            if (sent == Sent.PEER_GONE) {
                clientGone(s);
                return;
            }
            s.unsent.poll();
            s.unsentBytes -= reply.payloadBytes();
            counters.addUnsent(-reply.payloadBytes());
            if (!reply.answersAccepted()) {
                s.heldSmallReplies--;
                continue;
            }
            if (--s.outstanding == 0) {
                busySessions--;
            }
            s.queuedBytes -= reply.creditBytes();
            counters.addQueued(-reply.creditBytes());
            counters.inFlight.decrementAndGet();
            ReplyHeader h = reply.header();
            if (h.error() == ErrorCode.OK) {
                counters.hardwareBitsServed.addAndGet(h.hardwareBits());
                s.hardwareBitsServed += h.hardwareBits();
                if (h.type() == RequestType.NORMALS) {
                    counters.normalsServed.addAndGet(h.count());
                    s.normalsServed += h.count();
                } else {
                    counters.bytesServed.addAndGet(h.count());
                    s.bytesServed += h.count();
                }
            }
        }
        if (s.overrun) {
            // The overrun error has left the queue: the client's requests are answered again.
            s.overrun = false;
        }
    }

    /** A client's connection is gone: its session ends and what was queued for it is dropped and counted. */
    private void clientGone(ClientSession s) {
        sessions.remove(ByteBuffer.wrap(s.identity));
        int queued = s.outstanding + s.heldSmallReplies;
        end(s);
        counters.clientsGone.incrementAndGet();
        if (queued > 0) {
            telemetry.event("client_gone", s.name, "connection gone; " + queued + " replies queued for it dropped");
        }
        LOG.info("client {} disconnected: session ended, {} queued replies dropped", s.name, queued);
    }

    /** What became of a reply offered to the socket. */
    private enum Sent { SENT, QUEUE_FULL, PEER_GONE }

    /**
     * Offers a reply to the socket without blocking. The ROUTER is mandatory-routing, so a full queue to the client
     * and a client the socket no longer knows are both told apart from success instead of dropped silently.
     */
    private Sent sendNow(byte[] identity, boolean delimited, ReplyHeader header, byte[] payload) {
        try {
            if (!router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                return Sent.QUEUE_FULL;
            }
        } catch (ZMQException e) {
            return Sent.PEER_GONE;
        }
        if (delimited) {
            router.send(EMPTY, ZMQ.SNDMORE);
        }
        router.send(header.encode(), ZMQ.SNDMORE);
        router.send(payload, 0);
        if (header.error() == ErrorCode.OK) {
            counters.replies.incrementAndGet();
        } else {
            counters.errors.incrementAndGet();
        }
        return Sent.SENT;
    }

    /**
     * Ends the sessions of clients silent for the idle timeout that have nothing queued: they lose only their
     * streams. A client with replies queued keeps its session, however long it does not read, while its connection
     * lasts (PROTOCOL.md, "Flow control").
     */
    private void expireSilentClients(long now) {
        long idleNanos = config.idleTimeout().toNanos();
        for (Iterator<ClientSession> it = sessions.values().iterator(); it.hasNext(); ) {
            ClientSession s = it.next();
            if (now - s.lastHeardNanos < idleNanos || s.outstanding > 0 || !s.unsent.isEmpty()) {
                continue;
            }
            it.remove();
            end(s);
            counters.sessionsExpired.incrementAndGet();
            LOG.debug("client {} silent for {} ms with nothing queued: session ended", s.name,
                    config.idleTimeout().toMillis());
        }
    }

    /**
     * Ends a session: its waiting and held replies are dropped and counted, and its queue bytes released; a reply
     * being generated is dropped when it arrives; its streams close once no worker holds them.
     */
    private void end(ClientSession s) {
        if (s.outstanding > 0) {
            busySessions--;
            s.outstanding = 0;
        }
        int heldData = (int) s.unsent.stream().filter(OutgoingReply::answersAccepted).count();
        int waiting = s.end();
        counters.inFlight.addAndGet(-(waiting + heldData));
        counters.dropped.addAndGet(waiting + heldData + s.heldSmallReplies);
        counters.addUnsent(-s.unsentBytes);
        counters.addQueued(-s.queuedBytes);
        s.unsent.clear();
        s.unsentBytes = 0;
        s.queuedBytes = 0;
        s.heldSmallReplies = 0;
        counters.clients.decrementAndGet();
    }

    private void shutDown() {
        for (ClientSession s : sessions.values()) {
            end(s);
        }
        for (ClientSession s : inlineTurns) {
            // Ended above, so this releases the session and closes its streams.
            s.next();
        }
        inlineTurns.clear();
        sessions.clear();
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("noise service workers still busy after 10 s; closing their streams anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finished.clear();
        generator.close();
    }

    private static String pongJson(ServerConfig config) {
        String modes = String.join(",", config.modes().stream().map(m -> "\"" + m.label() + "\"").toList());
        return "{\"protocol\":" + Wire.VERSION + ",\"modes\":[" + modes + "],\"max_reply_bytes\":"
                + config.maxReplyBytes() + ",\"max_in_flight\":" + config.maxInFlightPerClient()
                + ",\"idle_timeout_ms\":" + config.idleTimeout().toMillis() + ",\"max_client_queue_bytes\":"
                + config.maxClientQueueBytes() + ",\"max_queue_bytes\":" + config.maxQueueBytes()
                + ",\"max_queued_refusals\":" + MAX_HELD_SMALL_REPLIES + ",\"generators\":{" + generators(config)
                + "}}";
    }

    /** Each offered mode's generator, so a client can record what made its noise. */
    private static String generators(ServerConfig config) {
        return String.join(",", config.modes().stream()
                .map(m -> "\"" + m.label() + "\":\"" + m.generator() + "\"").toList());
    }
}

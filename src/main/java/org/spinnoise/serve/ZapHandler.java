package org.spinnoise.serve;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The ZeroMQ Authentication Protocol handler (RFC 27) of the service's context: answers each CURVE handshake with
 * 200 if the client's public key is on the allow-list and 400 otherwise, and counts the refusals. It must be bound
 * (at {@code inproc://zeromq.zap.01}) before a CURVE socket binds, or JeroMQ would admit every key.
 */
final class ZapHandler implements AutoCloseable {
    static final String ENDPOINT = "inproc://zeromq.zap.01";
    private static final Logger LOG = LoggerFactory.getLogger(ZapHandler.class);
    private static final int POLL_MS = 100;

    private final Set<String> allowedKeys;
    private final Consumer<String> onRefusal;
    private final AtomicLong refusals = new AtomicLong();
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException bindFailure;

    ZapHandler(ZContext context, Set<String> allowedKeys, Consumer<String> onRefusal) {
        this.allowedKeys = Set.copyOf(allowedKeys);
        this.onRefusal = onRefusal;
        this.thread = new Thread(() -> run(context), "spinnoise-zap");
        thread.setDaemon(true);
        thread.start();
        try {
            bound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the CURVE authenticator", e);
        }
        if (bindFailure != null) {
            throw bindFailure;
        }
    }

    long refusals() {
        return refusals.get();
    }

    private void run(ZContext context) {
        ZMQ.Socket rep;
        try {
            rep = context.createSocket(SocketType.REP);
            rep.setLinger(0);
            rep.bind(ENDPOINT);
        } catch (RuntimeException e) {
            bindFailure = new IllegalStateException("cannot start the CURVE authenticator: " + e.getMessage(), e);
            bound.countDown();
            return;
        }
        bound.countDown();
        try (ZMQ.Poller poller = context.createPoller(1)) {
            poller.register(rep, ZMQ.Poller.POLLIN);
            while (running) {
                if (poller.poll(POLL_MS) > 0 && poller.pollin(0)) {
                    answer(rep);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("CURVE authenticator stopped; no new client can connect", e);
            }
        } finally {
            context.destroySocket(rep);
        }
    }

    /** Reads one ZAP request (version, id, domain, address, identity, mechanism, credentials) and replies. */
    private void answer(ZMQ.Socket rep) {
        String version = rep.recvStr();
        byte[] requestId = rep.hasReceiveMore() ? rep.recv() : new byte[0];
        String domain = rep.hasReceiveMore() ? rep.recvStr() : "";
        String address = rep.hasReceiveMore() ? rep.recvStr() : "";
        if (rep.hasReceiveMore()) {
            rep.recv();
        }
        String mechanism = rep.hasReceiveMore() ? rep.recvStr() : "";
        byte[] credential = rep.hasReceiveMore() ? rep.recv() : new byte[0];
        while (rep.hasReceiveMore()) {
            rep.recv();
        }
        String key = credential.length == ZMQ.Curve.KEY_SIZE ? ZMQ.Curve.z85Encode(credential) : "";
        boolean allowed = "1.0".equals(version) && "CURVE".equals(mechanism) && allowedKeys.contains(key);
        if (!allowed) {
            refusals.incrementAndGet();
            String who = "client " + address + " with " + (key.isEmpty() ? mechanism + " credentials" : "key " + key);
            LOG.warn("CURVE: refused {} (not on the allow-list, domain '{}')", who, domain);
            onRefusal.accept(who);
        }
        rep.sendMore("1.0");
        rep.sendMore(requestId);
        rep.sendMore(allowed ? "200" : "400");
        rep.sendMore(allowed ? "OK" : "client key not on the allow-list");
        rep.sendMore(allowed ? key.getBytes(StandardCharsets.US_ASCII) : new byte[0]);
        rep.send(new byte[0]);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

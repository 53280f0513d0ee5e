package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A SUB socket on the service's telemetry that has heard its first message. JeroMQ's PUB side now and then ignores a
 * new subscriber until some other subscriber connects (a stress loop of fresh servers saw it in about 2 connections
 * in 100, while the service loop kept publishing every 50 ms), so, as PROTOCOL.md tells clients, a subscriber that
 * hears nothing for several intervals reconnects. Once a message has arrived the subscription holds.
 */
final class TelemetrySubscriber {
    private static final int SILENCE_MS = 3_000;

    private TelemetrySubscriber() {
    }

    /**
     * A subscriber to every topic, configured by {@code configure} (e.g. CURVE keys) before it connects, that has
     * received (and dropped) one whole message; then its receive timeout is {@code receiveTimeout}.
     */
    static ZMQ.Socket connect(ZContext context, String endpoint, Consumer<ZMQ.Socket> configure,
                              Duration patience, Duration receiveTimeout) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            configure.accept(sub);
            sub.subscribe("");
            sub.setReceiveTimeOut(SILENCE_MS);
            sub.connect(endpoint);
            if (sub.recvStr() != null && sub.recvStr() != null) {
                sub.setReceiveTimeOut((int) receiveTimeout.toMillis());
                return sub;
            }
            context.destroySocket(sub);
            if (System.nanoTime() > deadline) {
                fail("no telemetry from " + endpoint + " within " + patience);
            }
        }
    }
}

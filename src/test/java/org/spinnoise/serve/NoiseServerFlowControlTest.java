package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Back-pressure: a client that keeps asking but never reads makes the server hold at most its credit's worth of
 * replies, while other clients keep being served; a client that vanishes with replies held frees its credit.
 */
class NoiseServerFlowControlTest {
    private static final int REPLY_BYTES = 256 << 10;
    private static final int IN_FLIGHT = 4;

    /** A raw DEALER that never reads, with the smallest receive queue and kernel buffer it can ask for. */
    private static ZMQ.Socket stalledDealer(ZContext context, String endpoint) {
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setRcvHWM(1);
        s.setReceiveBufferSize(4096);
        s.setLinger(0);
        s.connect(endpoint);
        return s;
    }

    private static void ask(ZMQ.Socket s, int requests, long firstId) {
        for (int i = 0; i < requests; i++) {
            s.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, firstId + i, REPLY_BYTES / 4), 0);
        }
    }

    @Test
    void aStalledClientCannotPileUpRepliesAndOthersAreServed() throws Exception {
        ServerConfig config = ServerConfig.loopback().withLimits(REPLY_BYTES, IN_FLIGHT, 16, Duration.ofMinutes(5))
                .withWorkers(2);
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             ZContext context = new ZContext(1);
             NoiseClient healthy = NoiseClient.connect(server.endpoint(),
                     NoiseClient.Options.defaults().withPipeline(IN_FLIGHT, REPLY_BYTES))) {
            ZMQ.Socket stalled = stalledDealer(context, server.endpoint());
            int asked = 0;
            float[] out = new float[1 << 20];
            long healthyNormals = 0;
            for (int round = 0; round < 20; round++) {
                ask(stalled, 50, asked);
                asked += 50;
                healthyNormals += healthy.fillNormals(NoiseMode.PRNG, out).count();
            }
            // Whether the stalled client's replies wait at the server or in its socket queue depends on timing; what
            // must hold once the server has read every request is the bound on what it generated and held.
            int stalledRequests = asked;
            Eventually.await("the server read every request of the stalled client", () ->
                    server.stats().requests() >= stalledRequests, server::stats);
            ServerStats stats = server.stats();
            assertEquals(20L << 20, healthyNormals, "the healthy client got everything it asked for");
            long heldBound = 2L * IN_FLIGHT * REPLY_BYTES;
            assertTrue(stats.peakQueuedReplyBytes() <= 2L * IN_FLIGHT * REPLY_BYTES,
                    "queued replies stay within the two clients' credit: " + stats);
            // Held besides them: the refusals of the requests over the credit, a few hundred bytes each.
            long refusalsBound = (long) ServiceLoop.MAX_HELD_SMALL_REPLIES * 512;
            assertTrue(stats.peakUnsentReplyBytes() <= heldBound + refusalsBound, stats.toString());
            long stalledGenerated = stats.generatedBytes() - 4 * healthyNormals;
            long askedBytes = (long) asked * REPLY_BYTES;
            // What the stalled client can absorb: its held credit, the socket's queue to it and the kernel buffers.
            long socketQueueBound = (NoiseServer.SOCKET_QUEUE_REPLIES + 1L) * REPLY_BYTES;
            assertTrue(stalledGenerated <= heldBound + socketQueueBound + (16L << 20),
                    "generated for the stalled client: " + stalledGenerated + " of " + askedBytes + " asked");
            assertTrue(stalledGenerated < askedBytes / 4, stalledGenerated + " of " + askedBytes);
            assertTrue(stats.errors() > 0, "requests over its credit were refused: " + stats);
        }
    }

    @Test
    void aClientThatVanishesFreesItsCredit() throws Exception {
        TestSources sources = new TestSources(null);
        ServerConfig config = ServerConfig.loopback().withLimits(REPLY_BYTES, IN_FLIGHT, 16, Duration.ofMillis(300));
        try (NoiseServer server = NoiseServer.start(config, sources, null);
             ZContext context = new ZContext(1)) {
            ZMQ.Socket vanishing = stalledDealer(context, server.endpoint());
            for (int id = 0; server.stats().unsentReplyBytes() == 0; id += IN_FLIGHT) {
                ask(vanishing, IN_FLIGHT, id);
                Thread.sleep(20);
            }
            assertTrue(server.stats().inFlight() > 0);
            context.destroySocket(vanishing);
            Eventually.await("credit freed", () -> {
                ServerStats s = server.stats();
                return s.inFlight() == 0 && s.unsentReplyBytes() == 0 && s.clients() == 0;
            }, server::stats);
            assertTrue(server.stats().sessionsExpired() >= 1 || server.stats().dropped() > 0, server.stats().toString());
            Eventually.await("streams closed", () -> sources.closed.get() == sources.opened.get(),
                    () -> sources.opened + " opened, " + sources.closed + " closed");
            try (NoiseClient next = NoiseClient.connect(server.endpoint())) {
                assertEquals(10, next.normals(NoiseMode.PRNG, 10).header().count(), "the service goes on");
            }
        }
    }
}

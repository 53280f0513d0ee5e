package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Issue 18, defect 8: many clients that ask and never read hold at most the queue bounds, per client and in all,
 * as the server's own counters show, and nothing beyond them is generated; what is over a bound is refused (errors 6
 * and 8), and the service goes on.
 */
class NoiseServerQueueBoundTest {
    private static final int REPLY_BYTES = 256 << 10;
    private static final int CLIENTS = 32;
    private static final int REQUESTS_PER_CLIENT = 64;
    private static final long CLIENT_QUEUE_BYTES = 1L << 20;

    @Test
    void eachClientThatNeverReadsHoldsAtMostItsQueueBound() throws Exception {
        long total = (CLIENTS + 1) * CLIENT_QUEUE_BYTES;
        try (NoiseServer server = NoiseServer.start(config(total), new TestSources(null), null);
             ZContext context = new ZContext(1);
             NoiseClient reader = NoiseClient.connect(server.endpoint(),
                     NoiseClient.Options.defaults().withPipeline(2, REPLY_BYTES))) {
            List<ZMQ.Socket> stalled = stallClients(context, server);
            float[] out = new float[REPLY_BYTES];
            assertEquals(out.length, reader.fillNormals(NoiseMode.PRNG, out).count(), "a reading client is served");
            ServerStats stats = server.stats();
            // Their replies waited in the server, until the kernel's buffers to them took what they could.
            assertTrue(stats.peakQueuedReplyBytes() > 0 && stats.peakQueuedReplyBytes() <= total, stats.toString());
            Eventually.await("every session in the published client list", () -> server.clientStats().size()
                    == CLIENTS + 1, server::clientStats);
            for (ClientStats c : server.clientStats()) {
                assertTrue(c.queuedReplyBytes() <= CLIENT_QUEUE_BYTES, "per-client bound held: " + c);
            }
            assertGeneratedWithinBound(stats, total, 4L * out.length);
            assertTrue(stats.errors() > 0, "requests over a client's bound were refused: " + stats);
            stalled.forEach(context::destroySocket);
        }
    }

    @Test
    void allClientsThatNeverReadHoldAtMostTheTotalBound() throws Exception {
        long total = 4 * CLIENT_QUEUE_BYTES;
        try (NoiseServer server = NoiseServer.start(config(total), new TestSources(null), null);
             ZContext context = new ZContext(1)) {
            List<ZMQ.Socket> stalled = stallClients(context, server);
            try (NoiseClient newcomer = NoiseClient.connect(server.endpoint())) {
                // A newcomer is told at once when the server's queue is full of unread replies. The kernel's buffers
                // to the stalled clients take replies at their own pace, so these keep asking until it is.
                NoiseServiceException busy = null;
                long id = REQUESTS_PER_CLIENT;
                for (int attempt = 0; attempt < 200 && busy == null; attempt++, id++) {
                    if (server.stats().queuedReplyBytes() + REPLY_BYTES <= total) {
                        for (ZMQ.Socket s : stalled) {
                            s.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, id, REPLY_BYTES / 4), 0);
                        }
                        Thread.sleep(20);
                        continue;
                    }
                    try {
                        newcomer.normals(NoiseMode.PRNG, REPLY_BYTES / 4);
                    } catch (NoiseServiceException e) {
                        busy = e;
                    }
                }
                assertTrue(busy != null, "never refused as busy: " + server.stats());
                assertEquals(ErrorCode.SERVER_BUSY, busy.code(), busy.getMessage());
                ServerStats stats = server.stats();
                assertTrue(stats.peakQueuedReplyBytes() <= total, "total bound held: " + stats);
                assertGeneratedWithinBound(stats, total, 0);
                // ...and served once the clients that held them are gone (their replies dropped and counted).
                stalled.forEach(context::destroySocket);
                Eventually.await("the stalled clients' queues dropped", () -> server.stats().queuedReplyBytes() == 0,
                        server::stats);
                assertEquals(REPLY_BYTES / 4, newcomer.normals(NoiseMode.PRNG, REPLY_BYTES / 4).header().count());
            }
            assertTrue(server.stats().dropped() > 0 && server.stats().clientsGone() >= 1, server.stats().toString());
        }
    }

    private static ServerConfig config(long totalQueueBytes) {
        return ServerConfig.loopback().withLimits(REPLY_BYTES, REQUESTS_PER_CLIENT, 64, Duration.ofMinutes(5))
                .withQueueBounds(CLIENT_QUEUE_BYTES, totalQueueBytes).withWorkers(2);
    }

    /** CLIENTS raw DEALERs that ask REQUESTS_PER_CLIENT replies each and never read; returns once all were read. */
    private static List<ZMQ.Socket> stallClients(ZContext context, NoiseServer server) throws InterruptedException {
        long before = server.stats().requests();
        List<ZMQ.Socket> stalled = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ZMQ.Socket s = context.createSocket(SocketType.DEALER);
            s.setRcvHWM(1);
            s.setReceiveBufferSize(4096);
            s.setLinger(0);
            s.connect(server.endpoint());
            stalled.add(s);
        }
        for (int id = 0; id < REQUESTS_PER_CLIENT; id++) {
            for (ZMQ.Socket s : stalled) {
                s.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, id, REPLY_BYTES / 4), 0);
            }
        }
        long asked = (long) CLIENTS * REQUESTS_PER_CLIENT;
        Eventually.await("the server read every request", () -> server.stats().requests() >= before + asked,
                server::stats);
        return stalled;
    }

    /**
     * Beyond the bounds nothing is generated: the stalled clients got their queue bound plus what each connection
     * took (the socket's queue and its sender, the kernel's send buffer, at most 4 MiB here, and the client's own
     * receive queue), not the 512 MiB they asked for.
     */
    private static void assertGeneratedWithinBound(ServerStats stats, long total, long readerBytes) {
        long stalledGenerated = stats.generatedBytes() - readerBytes;
        long perConnection = (NoiseServer.SOCKET_QUEUE_REPLIES + 3L) * REPLY_BYTES + (4L << 20);
        assertTrue(stalledGenerated <= total + CLIENTS * perConnection, "generated for the stalled clients: "
                + stalledGenerated + " of " + (long) CLIENTS * REQUESTS_PER_CLIENT * REPLY_BYTES);
    }
}

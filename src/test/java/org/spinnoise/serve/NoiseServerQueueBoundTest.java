package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * as the server's own counters show; what is over the bounds is refused (errors 6 and 8), and a client that reads is
 * served throughout.
 */
class NoiseServerQueueBoundTest {
    private static final int REPLY_BYTES = 256 << 10;
    private static final int CLIENTS = 32;
    private static final int REQUESTS_PER_CLIENT = 16;
    private static final long CLIENT_QUEUE_BYTES = 1L << 20;
    private static final long TOTAL_QUEUE_BYTES = 4L << 20;

    @Test
    void manyClientsThatNeverReadHoldAtMostTheQueueBounds() throws Exception {
        ServerConfig config = ServerConfig.loopback().withLimits(REPLY_BYTES, REQUESTS_PER_CLIENT, 64,
                Duration.ofMinutes(5)).withQueueBounds(CLIENT_QUEUE_BYTES, TOTAL_QUEUE_BYTES).withWorkers(2);
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             ZContext context = new ZContext(1);
             NoiseClient reader = NoiseClient.connect(server.endpoint(),
                     NoiseClient.Options.defaults().withPipeline(2, REPLY_BYTES))) {
            List<ZMQ.Socket> stalled = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                ZMQ.Socket s = context.createSocket(SocketType.DEALER);
                s.setRcvHWM(1);
                s.setReceiveBufferSize(4096);
                s.setLinger(0);
                s.connect(server.endpoint());
                stalled.add(s);
            }
            float[] out = new float[REPLY_BYTES];
            for (int id = 0; id < REQUESTS_PER_CLIENT; id++) {
                for (ZMQ.Socket s : stalled) {
                    s.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, id, REPLY_BYTES / 4), 0);
                }
            }
            long asked = (long) CLIENTS * REQUESTS_PER_CLIENT;
            Eventually.await("the server read every request", () -> server.stats().requests() >= asked + 1,
                    server::stats);
            assertEquals(out.length, reader.fillNormals(NoiseMode.PRNG, out).count(), "a reading client is served");
            Thread.sleep(500);
            ServerStats stats = server.stats();
            assertTrue(stats.peakQueuedReplyBytes() <= TOTAL_QUEUE_BYTES, "total bound held: " + stats);
            assertTrue(stats.queuedReplyBytes() > 0, "the stalled clients' replies wait in the server: " + stats);
            for (ClientStats c : server.clientStats()) {
                assertTrue(c.queuedReplyBytes() <= CLIENT_QUEUE_BYTES, "per-client bound held: " + c);
            }
            // Beyond the bounds nothing is generated: the stalled clients got what the socket queues and kernel
            // buffers to them take, plus the queue bound, not the 128 MiB they asked for.
            long stalledGenerated = stats.generatedBytes() - 4L * out.length;
            long socketQueues = (long) CLIENTS * (NoiseServer.SOCKET_QUEUE_REPLIES + 2) * REPLY_BYTES;
            assertTrue(stalledGenerated <= TOTAL_QUEUE_BYTES + socketQueues,
                    "generated for the stalled clients: " + stalledGenerated + " of " + asked * REPLY_BYTES);
            assertTrue(stats.errors() > 0, "requests over the bounds were refused: " + stats);
            assertEquals(0, stats.dropped(), stats.toString());
        }
    }
}

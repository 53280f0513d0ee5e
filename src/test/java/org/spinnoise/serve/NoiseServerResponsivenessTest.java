package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The socket thread generates replies itself (no workers), yet a client's long backlog does not shut others out: the
 * thread generates a few replies per client, then reads what arrived, so another client's ping is answered while
 * most of the backlog is still to be made.
 */
class NoiseServerResponsivenessTest {
    private static final int REPLY_BYTES = 4 << 20;
    private static final int BACKLOG = 32;

    @Test
    void aPingIsAnsweredWhileAnotherClientsBacklogIsGenerated() throws Exception {
        ServerConfig config = ServerConfig.loopback().withLimits(REPLY_BYTES, BACKLOG, 16, Duration.ofMinutes(5))
                .withQueueBounds((long) BACKLOG * REPLY_BYTES, (long) BACKLOG * REPLY_BYTES).withWorkers(0);
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             ZContext context = new ZContext(1);
             NoiseClient pinger = NoiseClient.connect(server.endpoint())) {
            pinger.ping();
            ZMQ.Socket busy = answeredSocket(context, server.endpoint());
            long pingerRequests = server.stats().requests();
            for (int i = 0; i < BACKLOG; i++) {
                busy.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, i, REPLY_BYTES / 4), 0);
            }
            Eventually.await("the server read the whole backlog", () ->
                    server.stats().requests() >= pingerRequests + BACKLOG, server::stats);
            pinger.ping();
            long generatedAtPong = server.stats().generatedBytes();
            long backlogBytes = (long) BACKLOG * REPLY_BYTES;
            // Each round makes at most 4 replies of this client before the loop reads again; the margin covers the
            // rounds made while the test thread waited to be scheduled.
            assertTrue(generatedAtPong <= backlogBytes / 2, "generated " + (generatedAtPong >> 20) + " MiB of the "
                    + (backlogBytes >> 20) + " MiB backlog before the ping was answered");
            Eventually.await("the whole backlog generated", () ->
                    server.stats().generatedBytes() >= backlogBytes, server::stats);
        }
    }

    /**
     * A DEALER socket on which a ping was answered, so the backlog goes over a connection known to be up. Like
     * {@code NoiseClient.connect}, a socket left silent is replaced by a new one: a fresh connection is sometimes never
     * answered (seen in about one run in five here; the service's side of it belongs to the noise-service issue).
     */
    private static ZMQ.Socket answeredSocket(ZContext context, String endpoint) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
            socket.setLinger(0);
            socket.setReceiveTimeOut(1000);
            socket.connect(endpoint);
            socket.send(Wire.encodeRequest(RequestType.PING, null, 1_000_000 + attempt, 0), 0);
            if (socket.recv() != null) {
                while (socket.hasReceiveMore()) {
                    socket.recv();
                }
                return socket;
            }
            context.destroySocket(socket);
        }
        return fail("the service never answered a ping on 20 fresh DEALER sockets");
    }
}

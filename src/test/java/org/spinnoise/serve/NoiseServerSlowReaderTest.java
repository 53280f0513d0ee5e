package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.testing.Python;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Issue 18, defect 7: a client that stops reading loses nothing. Its replies wait for it past the idle timeout, the
 * requests it sends meanwhile are counted and answered, and one that keeps sending without ever reading is told so
 * (error 10) with every request accounted for.
 */
class NoiseServerSlowReaderTest {

    @Test
    void aClientThatStopsReadingPastTheIdleTimeoutGetsEveryReply() throws Exception {
        ServerConfig config = ServerConfig.loopback().withModes(java.util.Set.of(NoiseMode.PRNG))
                .withLimits(1 << 20, 16, 16, Duration.ofMillis(800));
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null)) {
            // An independent client (raw pyzmq) stalls for over three idle timeouts between its two bursts.
            Map<String, String> out = Python.values(Python.finish(Python.start(
                    Python.clientScript("tests/slow_reader.py"), server.endpoint(), "16", "3", "4"), 90));
            assertEquals("20", out.get("answered"), out.toString());
            assertEquals("0", out.get("missing"), out.toString());
            ServerStats stats = server.stats();
            assertEquals(20, stats.requests(), stats.toString());
            assertEquals(20, stats.replies() + stats.errors(), "every request answered: " + stats);
            assertEquals(0, stats.dropped(), stats.toString());
            assertEquals(0, stats.unanswered(), stats.toString());
        }
    }

    @Test
    void aClientThatSendsWithoutEverReadingIsToldAndEveryRequestIsCounted() throws Exception {
        int inFlight = 4;
        // Enough that the refusals overflow whatever the socket and kernel buffers to the client take.
        int sent = ServiceLoop.MAX_HELD_SMALL_REPLIES + 4000;
        ServerConfig config = ServerConfig.loopback().withLimits(64 << 10, inFlight, 16, Duration.ofMinutes(5))
                .withWorkers(0);
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             ZContext context = new ZContext(1)) {
            ZMQ.Socket flood = context.createSocket(SocketType.DEALER);
            flood.setRcvHWM(1);
            flood.setReceiveBufferSize(4096);
            flood.setLinger(0);
            flood.connect(server.endpoint());
            for (int id = 1; id <= sent; id++) {
                flood.send(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, id, 16 << 10), 0);
            }
            Eventually.await("the server read every request", () -> server.stats().requests() >= sent,
                    server::stats);
            ServerStats whileStalled = server.stats();
            assertEquals(1, whileStalled.overruns(), whileStalled.toString());
            assertTrue(whileStalled.unanswered() > 0, whileStalled.toString());
            flood.setReceiveTimeOut(2_000);
            List<Long> answeredIds = new ArrayList<>();
            long overrunId = -1;
            for (byte[] header; (header = flood.recv(0)) != null; ) {
                ReplyHeader h = ReplyHeader.decode(header, server.endpoint());
                flood.recv(0);
                answeredIds.add(h.requestId());
                if (h.error() == ErrorCode.OVERRUN) {
                    overrunId = h.requestId();
                }
            }
            ServerStats stats = server.stats();
            assertTrue(overrunId > 0, "the overrun error came: " + answeredIds);
            // Every request up to the one answered by the overrun error has its reply; none after it.
            List<Long> expected = new ArrayList<>();
            for (long id = 1; id <= overrunId; id++) {
                expected.add(id);
            }
            assertEquals(expected, answeredIds.stream().sorted().toList());
            assertEquals(sent, answeredIds.size() + stats.unanswered(), "every request accounted for: " + stats);
            assertEquals(sent, stats.requests());
            assertEquals(answeredIds.size(), stats.replies() + stats.errors(), stats.toString());
            assertEquals(0, stats.dropped(), stats.toString());
            // Once it has read the overrun error, the client is answered again.
            flood.send(Wire.encodeRequest(RequestType.PING, null, 9_999, 0), 0);
            ReplyHeader pong = ReplyHeader.decode(flood.recv(0), server.endpoint());
            assertEquals(9_999, pong.requestId());
            assertEquals(ErrorCode.OK, pong.error());
        }
    }
}

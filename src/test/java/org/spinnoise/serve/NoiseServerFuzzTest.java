package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Random frames, random multipart messages, mutated valid requests, oversized frames and raw non-ZeroMQ bytes: the
 * service answers each readable request with a well-formed reply or drops it, and keeps serving a well-behaved
 * client throughout.
 */
class NoiseServerFuzzTest {
    private static final int FUZZ_CLIENTS = 4;
    private static final int MESSAGES_PER_CLIENT = 1500;

    @Test
    void randomFramesNeverCrashOrStallTheService() throws Exception {
        SplittableRandom random = new SplittableRandom(0xF022);
        try (NoiseServer server = NoiseServer.start(ServerConfig.loopback(), new TestSources(null), null);
             ZContext context = new ZContext(1);
             NoiseClient good = NoiseClient.connect(server.endpoint())) {
            List<ZMQ.Socket> fuzzers = new ArrayList<>();
            for (int i = 0; i < FUZZ_CLIENTS; i++) {
                ZMQ.Socket s = context.createSocket(SocketType.DEALER);
                s.setLinger(0);
                s.setReceiveTimeOut(0);
                s.connect(server.endpoint());
                fuzzers.add(s);
            }
            garbageOverTcp(server.endpoint(), random);
            oversizedFrames(context, server.endpoint(), random);
            int replies = 0;
            for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
                for (ZMQ.Socket s : fuzzers) {
                    sendRandomMessage(s, random);
                    replies += drainAndCheck(s, server.endpoint());
                }
                if (m % 300 == 0) {
                    assertEquals(64, good.normals(NoiseMode.PRNG, 64).header().count());
                }
            }
            float[] out = new float[200_000];
            assertEquals(200_000, good.fillNormals(NoiseMode.PRNG, out).count());
            Eventually.await("every fuzz message read", () -> server.stats().requests()
                    >= (long) FUZZ_CLIENTS * MESSAGES_PER_CLIENT, server::stats);
            int[] drained = {replies};
            Eventually.await("every reply taken by its fuzzer", () -> {
                for (ZMQ.Socket s : fuzzers) {
                    try {
                        drained[0] += drainAndCheck(s, server.endpoint());
                    } catch (NoiseServiceException e) {
                        throw new AssertionError(e.getMessage(), e);
                    }
                }
                ServerStats now = server.stats();
                return now.inFlight() == 0 && now.unsentReplyBytes() == 0;
            }, server::stats);
            replies = drained[0];
            ServerStats stats = server.stats();
            // Every message is counted once and answered, dropped with its connection, or unanswered because its
            // fuzzer sent faster than it read (overrun); most random messages are refused.
            assertEquals(stats.requests(), stats.replies() + stats.errors() + stats.dropped() + stats.unanswered(),
                    stats.toString());
            assertTrue(stats.errors() + stats.unanswered() > FUZZ_CLIENTS * MESSAGES_PER_CLIENT / 2,
                    stats.toString());
            assertTrue(replies > 0, "fuzzers got replies");
            garbageOverTcp(server.endpoint(), random);
            assertTrue(good.ping().contains("\"protocol\":1"));
        }
    }

    /** One message: random bytes, a mutated valid request, or several frames. */
    private static void sendRandomMessage(ZMQ.Socket s, SplittableRandom random) {
        int kind = random.nextInt(9);
        byte[] frame;
        if (kind < 4) {
            frame = new byte[random.nextInt(40)];
            random.nextBytes(frame);
            if (frame.length >= 3 && random.nextBoolean()) {
                frame[0] = 'S';
                frame[1] = 'N';
                frame[2] = (byte) random.nextInt(3);
            }
        } else if (kind < 8) {
            RequestType type = RequestType.values()[random.nextInt(3)];
            frame = Wire.encodeRequest(type, NoiseMode.values()[random.nextInt(3)], random.nextInt(),
                    random.nextInt(1 << 12));
            frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
        } else {
            s.send(Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 1, 16), ZMQ.SNDMORE);
            frame = new byte[random.nextInt(20)];
        }
        s.send(frame, 0);
    }

    /** Frames over the request size limit: the socket drops such a peer's connection; nothing is answered. */
    private static void oversizedFrames(ZContext context, String endpoint, SplittableRandom random) {
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setLinger(0);
        s.setSendTimeOut(100);
        s.connect(endpoint);
        for (int i = 0; i < 20; i++) {
            byte[] frame = new byte[2048 + random.nextInt(1 << 20)];
            random.nextBytes(frame);
            s.send(frame, 0);
        }
        context.destroySocket(s);
    }

    /** Reads whatever replies are there; each must be a readable version 1 header and a payload. */
    private static int drainAndCheck(ZMQ.Socket s, String endpoint) throws NoiseServiceException {
        int n = 0;
        for (byte[] header; (header = s.recv(ZMQ.DONTWAIT)) != null; n++) {
            ReplyHeader h = ReplyHeader.decode(header, endpoint);
            assertTrue(s.hasReceiveMore(), "every reply has a payload frame");
            byte[] payload = s.recv(0);
            if (h.error() == ErrorCode.OK && h.type() != RequestType.PING) {
                assertEquals((long) h.count() * h.type().bytesPerItem(), payload.length);
            }
        }
        return n;
    }

    private static void garbageOverTcp(String endpoint, SplittableRandom random) throws Exception {
        URI uri = URI.create(endpoint);
        try (Socket raw = new Socket(uri.getHost(), uri.getPort())) {
            byte[] junk = new byte[4096];
            random.nextBytes(junk);
            OutputStream out = raw.getOutputStream();
            out.write(junk);
            out.flush();
        }
    }
}

package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;

/** Requests and replies over loopback: metadata, pipelined draws, and every error reply of the protocol. */
class NoiseServerTest {
    @TempDir
    Path tmp;

    /** Issue 18, defect 10: the IPv6 loopback was refused ("this machine has no such address"). */
    @Test
    void servesOnTheIpv6Loopback() throws Exception {
        ServerConfig config = ServerConfig.loopback().withBind(BindAddress.parse("tcp://[::1]:0"));
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             NoiseClient client = NoiseClient.connect(server.endpoint())) {
            assertTrue(server.endpoint().matches("tcp://\\[(::1|0:0:0:0:0:0:0:1)]:\\d+"), server.endpoint());
            assertEquals(100, client.normals(NoiseMode.PRNG, 100).normals().length);
        }
    }

    @Test
    void servesNormalsAndBytesWithTheirMetadata() throws Exception {
        try (NoiseServer server = NoiseServer.start(ServerConfig.loopback(), new TestSources(null), null);
             NoiseClient client = NoiseClient.connect(server.endpoint())) {
            assertTrue(server.endpoint().matches("tcp://127\\.0\\.0\\.1:\\d+"), server.endpoint());
            NoiseReply first = client.normals(NoiseMode.PRNG, 1000);
            assertEquals(RequestType.NORMALS, first.header().type());
            assertEquals(NoiseMode.PRNG, first.header().mode());
            assertEquals(1000, first.header().count());
            assertEquals(0, first.header().streamPosition());
            assertEquals(4000, first.header().streamAdvance());
            assertEquals(4000, first.payload().length);
            float[] values = first.normals();
            double sum = 0;
            for (float v : values) {
                sum += v * v;
            }
            assertEquals(1.0, sum / values.length, 0.2, "unit variance");
            NoiseReply second = client.normals(NoiseMode.PRNG, 10);
            assertEquals(4000, second.header().streamPosition(), "the stream continues where the last reply ended");
            NoiseReply bytes = client.bytes(NoiseMode.DRBG, 333);
            assertEquals(333, bytes.payload().length);
            assertEquals(NoiseMode.DRBG, bytes.header().mode());
            assertTrue(client.ping().contains("\"max_reply_bytes\":1048576"));
            // Issue 18, defect 9: the pong names the one drbg generator, for the client to record.
            assertEquals(org.spinnoise.entropy.drbg.PoolSeededDrbg.GENERATOR, new com.fasterxml.jackson.databind
                    .ObjectMapper().readTree(client.ping()).path("generators").path("drbg").asText());
            assertEquals(1010, server.stats().normalsServed());
            assertEquals(333, server.stats().bytesServed());
        }
    }

    @Test
    void pipelinedDrawsFillInOrderAndEachClientHasItsOwnStream() throws Exception {
        try (NoiseServer server = NoiseServer.start(ServerConfig.loopback(), new TestSources(null), null);
             NoiseClient a = NoiseClient.connect(server.endpoint(),
                     NoiseClient.Options.defaults().withPipeline(4, 4096));
             NoiseClient b = NoiseClient.connect(server.endpoint())) {
            float[] out = new float[100_000];
            NoiseDraw draw = a.fillNormals(NoiseMode.PRNG, out);
            assertEquals(100_000 / 1024 + 1, draw.replies().size());
            long position = 0;
            for (ReplyHeader h : draw.replies()) {
                assertEquals(position, h.streamPosition(), "replies cover the stream without gap or overlap");
                position += h.streamAdvance();
            }
            assertEquals(400_000, draw.streamAdvance());
            assertNotEquals(0f, out[out.length - 1]);
            byte[] fromA = a.bytes(NoiseMode.PRNG, 64).payload();
            byte[] fromB = b.bytes(NoiseMode.PRNG, 64).payload();
            assertNotEquals(java.util.Arrays.toString(fromA), java.util.Arrays.toString(fromB),
                    "two clients get two streams");
        }
    }

    @Test
    void badRequestsGetClearErrorsAndTheServiceGoesOn() throws Exception {
        ServerConfig config = ServerConfig.loopback().withModes(EnumSet.of(NoiseMode.TRNG, NoiseMode.PRNG))
                .withLimits(64 * 1024, 16, 256, Duration.ofSeconds(10));
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             NoiseClient client = NoiseClient.connect(server.endpoint())) {
            assertError(ErrorCode.MODE_NOT_PERMITTED, "serves prng, trng", () -> client.normals(NoiseMode.DRBG, 1));
            assertError(ErrorCode.OVERSIZED, "65536-byte reply limit", () -> client.normals(NoiseMode.PRNG, 16385));
            assertEquals(16384, client.normals(NoiseMode.PRNG, 16384).header().count(), "the limit itself is fine");

            byte[] version = Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, 5, 1);
            version[2] = 9;
            NoiseReply v = client.raw(version);
            assertEquals(ErrorCode.VERSION, v.header().error());
            assertTrue(new String(v.payload()).contains("speaks version 1"));

            NoiseReply junk = client.raw("GET / HTTP/1.1".getBytes());
            assertEquals(ErrorCode.MALFORMED, junk.header().error());
            byte[] mode = Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, 6, 1);
            mode[4] = 0;
            NoiseReply m = client.raw(mode);
            assertEquals(ErrorCode.UNKNOWN_MODE, m.header().error());
            assertEquals(6, m.header().requestId(), "the error names the request it answers");

            assertEquals(7, client.bytes(NoiseMode.PRNG, 7).payload().length);
            assertEquals(5, server.stats().errors());
        }
    }

    @Test
    void anEmptyPoolIsAnErrorReplyNotAHang() throws Exception {
        try (EntropyPool pool = EntropyPool.open(tmp.resolve("pool"), PoolConfig.defaults())) {
            byte[] payload = new byte[1000];
            new SplittableRandom(3).nextBytes(payload);
            pool.append(payload, 0, payload.length, new IngestCounts(10_000, 0, 8000), "test");
            try (NoiseServer server = NoiseServer.start(ServerConfig.loopback(), new TestSources(pool),
                    pool::status);
                 NoiseClient client = NoiseClient.connect(server.endpoint())) {
                NoiseReply r = client.bytes(NoiseMode.TRNG, 600);
                assertEquals(4800, r.header().hardwareBits());
                assertError(ErrorCode.POOL_EXHAUSTED, "exhausted", () -> client.bytes(NoiseMode.TRNG, 600));
                assertEquals(400, client.bytes(NoiseMode.TRNG, 400).payload().length, "what is left is served");
                assertEquals(100, client.normals(NoiseMode.PRNG, 100).header().count(), "prng goes on");
                assertEquals(1000, server.stats().bytesServed());
                assertEquals(8000, server.stats().hardwareBitsServed());
            }
        }
    }

    @Test
    void aClientOverItsCreditIsTold() throws Exception {
        ServerConfig config = ServerConfig.loopback().withLimits(1 << 20, 2, 256, Duration.ofSeconds(10))
                .withWorkers(1);
        try (NoiseServer server = NoiseServer.start(config, new TestSources(null), null);
             NoiseClient client = NoiseClient.connect(server.endpoint(),
                     NoiseClient.Options.defaults().withPipeline(6, 1 << 20))) {
            float[] out = new float[6 * (1 << 18)];
            NoiseServiceException e = assertThrows(NoiseServiceException.class,
                    () -> client.fillNormals(NoiseMode.PRNG, out));
            assertEquals(ErrorCode.CREDIT_EXCEEDED, e.code());
            assertTrue(e.getMessage().contains("the limit is 2"), e.getMessage());
            assertEquals(1000, client.normals(NoiseMode.PRNG, 1000).header().count(), "the client goes on");
        }
    }

    @Test
    void nonLoopbackWithoutCurveIsRefusedInOneLine() {
        ServerConfig config = ServerConfig.loopback().withBind(BindAddress.parse("tcp://0.0.0.0:0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseServer.start(config, new TestSources(null), null));
        assertTrue(e.getMessage().startsWith("refusing to bind tcp://0.0.0.0:* without CURVE"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    interface Call {
        Object run() throws Exception;
    }

    static void assertError(ErrorCode code, String text, Call call) {
        NoiseServiceException e = assertThrows(NoiseServiceException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}

package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The PUB socket: periodic telemetry with the pool's level and the service's counters, and an exhaustion event. */
class NoiseServerTelemetryTest {
    @TempDir
    Path tmp;

    @Test
    void publishesPoolLevelServedCountsAndExhaustion() throws Exception {
        try (EntropyPool pool = EntropyPool.open(tmp.resolve("pool"), PoolConfig.defaults());
             ZContext context = new ZContext(1)) {
            byte[] payload = new byte[100_000];
            new SplittableRandom(8).nextBytes(payload);
            pool.append(payload, 0, payload.length, new IngestCounts(1_000_000, 2048, 800_000), "test");
            ServerConfig config = ServerConfig.loopback()
                    .withTelemetry(BindAddress.parse("tcp://127.0.0.1:0"), Duration.ofMillis(50));
            try (NoiseServer server = NoiseServer.start(config,
                    (mode, consumer, seed) -> NoiseSources.open(mode, pool, consumer, seed), pool::status);
                 NoiseClient client = NoiseClient.connect(server.endpoint())) {
                ZMQ.Socket sub = TelemetrySubscriber.connect(context, server.telemetryEndpoint(), s -> { },
                        Duration.ofSeconds(20), Duration.ofSeconds(20));
                JsonNode first = next(sub, "telemetry", t -> true);
                assertEquals(100_000, first.at("/pool/bytes_available").asLong(), first.toString());
                assertEquals(2048, first.at("/pool/quarantined_bits").asLong());
                assertEquals("trng", first.get("modes").get(0).asText());

                client.normals(NoiseMode.TRNG, 10_000);
                // At least: a client whose request timed out on a loaded machine asks again, and both get served.
                JsonNode after = next(sub, "telemetry", t -> t.get("normals_served").asLong() >= 10_000);
                assertEquals(after.get("normals_served").asLong() * 32, after.get("hardware_bits_served").asLong());
                assertTrue(after.at("/pool/bytes_available").asLong() <= 60_000, after.toString());

                NoiseServiceException e = org.junit.jupiter.api.Assertions.assertThrows(NoiseServiceException.class,
                        () -> client.normals(NoiseMode.TRNG, 100_000));
                assertEquals(ErrorCode.POOL_EXHAUSTED, e.code());
                JsonNode event = next(sub, "event", t -> t.get("event").asText().equals("pool_exhausted"));
                assertTrue(event.get("message").asText().contains("pool bytes"), event.toString());
                assertNotNull(event.get("client"));
            }
        }
    }

    private static JsonNode next(ZMQ.Socket sub, String topic, java.util.function.Predicate<JsonNode> wanted)
            throws Exception {
        while (true) {
            String t = sub.recvStr();
            assertNotNull(t, "no " + topic + " message");
            JsonNode body = new ObjectMapper().readTree(sub.recvStr());
            if (t.equals(topic) && wanted.test(body)) {
                return body;
            }
        }
    }
}

package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.testing.Python;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CURVE on loopback (tests never bind anything else): a client whose key is on the allow-list is served, over the
 * request socket and the telemetry socket; an unknown key, a wrong server key and a plain client get nothing, and
 * the refusal is counted and published.
 */
class NoiseServerCurveTest {
    /** For clients that must get no answer: how long to wait for the answer that must not come. */
    private static final NoiseClient.Options QUICK = NoiseClient.Options.defaults().withTimeout(Duration.ofSeconds(1));

    @TempDir
    Path tmp;

    @Test
    void onlyAllowListedKeysAreServed() throws Exception {
        CurveKeys.KeyPair server = CurveKeys.generate(tmp.resolve("server"), "server", false);
        CurveKeys.KeyPair allowed = CurveKeys.generate(tmp.resolve("clients"), "alice", false);
        CurveKeys.KeyPair stranger = CurveKeys.generate(tmp.resolve("others"), "mallory", false);
        Path allowDir = tmp.resolve("allow");
        Files.createDirectories(allowDir);
        Files.copy(tmp.resolve("clients/alice.key"), allowDir.resolve("alice.key"));
        assertEquals(server.publicKeyZ85(), CurveKeys.readSecret(tmp.resolve("server/server.key_secret"))
                .publicKeyZ85());

        ServerConfig config = ServerConfig.loopback()
                .withCurve(new ServerConfig.Curve(server, CurveKeys.readAllowList(allowDir)))
                .withTelemetry(BindAddress.parse("tcp://127.0.0.1:0"), Duration.ofMillis(50));
        try (NoiseServer service = NoiseServer.start(config, new TestSources(null), null);
             ZContext context = new ZContext(1)) {
            // PUB drops what it publishes before the subscriber's CURVE handshake ends: wait for a first message so
            // the refusal event below cannot be published into the void on a slow machine.
            ZMQ.Socket telemetry = TelemetrySubscriber.connect(context, service.telemetryEndpoint(), s -> {
                s.setCurveServerKey(server.publicKey());
                s.setCurvePublicKey(allowed.publicKey());
                s.setCurveSecretKey(allowed.secretKey());
            }, Duration.ofSeconds(20), Duration.ofSeconds(20));

            try (NoiseClient alice = NoiseClient.connect(service.endpoint(),
                    NoiseClient.Options.defaults().withCurve(server.publicKey(), allowed))) {
                assertEquals(100, alice.normals(NoiseMode.PRNG, 100).header().count());
            }
            NoiseServiceException refused = assertThrows(NoiseServiceException.class, () -> NoiseClient.connect(
                    service.endpoint(), QUICK.withCurve(server.publicKey(), stranger)));
            assertTrue(refused.getMessage().contains("allow-list"), refused.getMessage());
            Eventually.await("the stranger's key refused", () -> service.stats().authRefusals() >= 1,
                    service::stats);
            JsonNode event = nextEvent(telemetry, "auth_refused");
            assertTrue(event.get("message").asText().contains(stranger.publicKeyZ85()), event.toString());

            assertThrows(NoiseServiceException.class, () -> NoiseClient.connect(service.endpoint(),
                    QUICK.withCurve(stranger.publicKey(), allowed)), "a wrong server key");
            assertThrows(NoiseServiceException.class, () -> NoiseClient.connect(service.endpoint(), QUICK),
                    "a client without CURVE");
            pythonClients(service.endpoint());
            assertEquals(200, service.stats().normalsServed(), "only the allowed clients were served");
        }
    }

    @Test
    void aMissingOrEmptyAllowListIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Exception e = assertThrows(java.io.IOException.class, () -> CurveKeys.readAllowList(empty));
        assertTrue(e.getMessage().contains("holds no public certificate"), e.getMessage());
        e = assertThrows(java.io.IOException.class, () -> CurveKeys.readSecret(tmp.resolve("nope.key_secret")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        CurveKeys.generate(tmp, "pair", false);
        e = assertThrows(java.io.IOException.class, () -> CurveKeys.readSecret(tmp.resolve("pair.key")));
        assertTrue(e.getMessage().contains("no secret-key"), e.getMessage());
    }

    /** pyzmq (libzmq's CurveZMQ) against JeroMQ's: the allowed certificate is served, the stranger's is not. */
    private void pythonClients(String endpoint) throws Exception {
        String serverCert = tmp.resolve("server/server.key").toString();
        String allowed = Python.finish(Python.start(Python.clientScript("tests/curve_client.py"), endpoint, serverCert,
                tmp.resolve("clients/alice.key_secret").toString(), "10000"), 60);
        assertTrue(allowed.contains("drawn=100"), allowed);
        Process stranger = Python.start(Python.clientScript("tests/curve_client.py"), endpoint, serverCert,
                tmp.resolve("others/mallory.key_secret").toString(), "1500");
        assertTrue(stranger.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        String out = new String(stranger.getInputStream().readAllBytes());
        assertEquals(3, stranger.exitValue(), out);
        assertTrue(out.contains("refused=internal") && out.contains("allow-list"), out);
    }

    private static JsonNode nextEvent(ZMQ.Socket sub, String kind) throws Exception {
        while (true) {
            String topic = sub.recvStr();
            assertTrue(topic != null, "no " + kind + " event published");
            JsonNode body = new ObjectMapper().readTree(sub.recvStr());
            if (topic.equals("event") && body.get("event").asText().equals(kind)) {
                return body;
            }
        }
    }
}

package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.testing.JunctionPool;
import org.spinnoise.testing.Python;

/**
 * Done-when of the noise service: {@code spinnoise serve} on a pool filled through the real chain (simulated
 * junction physics, SP 800-90B assessment, health tests, conditioning), and Python scripts using the client that
 * draw noise in each mode and check its metadata, including the documented DDPM sampling example.
 */
class ServeCommandTest {
    private static final Pattern SERVING = Pattern.compile("serving noise on (tcp://127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path tmp;

    @Test
    void pythonDrawsEveryModeFromTheServiceOverARealPool() throws Exception {
        Path pool = tmp.resolve("pool");
        IngestReport ingest = JunctionPool.fill(pool, 800_000, 11);
        assertTrue(ingest.bytesOut() > 40_000, "pool holds " + ingest.bytesOut() + " bytes");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serve = new Thread(() -> exitCode.set(Main.run(new PrintWriter(out), new PrintWriter(err), "serve",
                "--pool", pool.toString(), "--bind", "tcp://127.0.0.1:0", "--seed", "7")), "serve-command");
        serve.start();
        String endpoint = awaitEndpoint(out, err, serve);
        assertTrue(out.toString().contains("modes trng, drbg, prng; pool " + pool + " holds "), out.toString());
        assertTrue(out.toString().matches("(?s).*telemetry on tcp://127\\.0\\.0\\.1:\\d+.*"), out.toString());
        try {
            Map<String, String> checked = Python.values(Python.finish(
                    Python.start(Python.clientScript("tests/check_modes.py"), endpoint), 120));
            assertEquals("ok", checked.get("check"), checked.toString());
            assertEquals("trng,drbg,prng", checked.get("modes"));
            assertEquals(2048 * 32, Long.parseLong(checked.get("trng_hardware_bits")));
            assertEquals("384", checked.get("drbg_hardware_bits"));
            assertEquals("oversized", checked.get("oversized_error"));

            String example = Python.finish(Python.start(Python.clientScript("example_sampling_loop.py"),
                    "--endpoint", endpoint, "--mode", "trng", "--steps", "20", "--batch", "8", "--pixels", "16"),
                    120);
            Map<String, String> sampled = Python.values(example);
            assertEquals("ok", sampled.get("check"), example);
            assertEquals(String.valueOf(8 * 16 * 20 * 32), sampled.get("hardware_bits"), example);
        } finally {
            serve.interrupt();
            serve.join(30_000);
        }
        assertEquals(0, exitCode.get(), err.toString());
        assertTrue(out.toString().contains("served "), out.toString());

        StringWriter status = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(status), new PrintWriter(new StringWriter()), "pool", "status",
                "--pool", pool.toString(), "--json"));
        JsonNode served = new ObjectMapper().readTree(status.toString()).get("bytesOutByConsumer");
        long trngBytes = 2048 * 4 + 1000 + 8 * 16 * 20 * 4;
        assertTrue(served.get("serve").asLong() >= trngBytes, served.toString());
        assertEquals(48, served.get("serve-drbg-seed").asLong(), served.toString());
    }

    @Test
    void userErrorsAreOneLineAndExitOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            Map<String, List<String>> cases = Map.of(
                    "the port is in use; stop what holds it or choose another port",
                    List.of("--bind", "tcp://127.0.0.1:" + taken.getLocalPort()),
                    "refusing to bind tcp://0.0.0.0:* without CURVE", List.of("--bind", "tcp://0.0.0.0:0"),
                    "give a TCP endpoint such as tcp://127.0.0.1:5555", List.of("--bind", "udp://127.0.0.1:1"),
                    "CURVE needs both --curve-server-key", List.of("--curve-allow", tmp.toString()),
                    "unknown noise mode 'qrng'", List.of("--modes", "qrng"));
            for (Map.Entry<String, List<String>> c : cases.entrySet()) {
                List<String> args = new ArrayList<>(List.of("serve", "--telemetry", "off"));
                if (!c.getValue().contains("--modes")) {
                    args.addAll(List.of("--modes", "prng"));
                }
                args.addAll(c.getValue());
                StringWriter err = new StringWriter();
                int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                        args.toArray(String[]::new));
                assertEquals(1, code, args + ": " + err);
                assertTrue(err.toString().contains(c.getKey()), err.toString());
                assertEquals(1, err.toString().strip().lines().count(), err.toString());
            }
        }
    }

    /** The endpoint a {@code spinnoise serve} running on {@code serve} prints once it listens. */
    static String awaitEndpoint(StringWriter out, StringWriter err, Thread serve) throws Exception {
        for (int i = 0; i < 3000; i++) {
            Matcher m = SERVING.matcher(out.toString());
            if (out.toString().contains("Ctrl-C stops") && m.find()) {
                return m.group(1);
            }
            if (!serve.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        fail("spinnoise serve did not start: " + out + err);
        return null;
    }
}

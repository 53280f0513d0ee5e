package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.testing.Python;
import org.spinnoise.testing.TorchFixtures;

/**
 * The documented PyTorch example (clients/python/example_torch_sampling.py) against {@code spinnoise serve}: a plain
 * PyTorch DDIM loop (η = 1) takes x_T and every step's noise from the pool as torch tensors through
 * {@code spinnoise_torch.PoolNoise}, pays 32 pool bits per normal in trng mode, and its samples have the moments
 * that sampler must give (the example's own check, which fails for scaled or biased noise).
 */
class TorchSamplingExampleTest {

    @TempDir
    Path dir;

    @Test
    void aPlainPyTorchLoopSamplesWithPoolNoiseAsTensors() throws Exception {
        TorchFixtures.assumeTorch();
        Path pool = TinyTraining.pool(dir.resolve("pool"), 256 << 10);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serve = new Thread(() -> exitCode.set(Main.run(new PrintWriter(out), new PrintWriter(err), "serve",
                "--pool", pool.toString(), "--bind", "tcp://127.0.0.1:0", "--telemetry", "off", "--seed", "3")),
                "serve-command");
        serve.start();
        try {
            String endpoint = ServeCommandTest.awaitEndpoint(out, err, serve);
            String printed = Python.finish(Python.start(Python.clientScript("example_torch_sampling.py"),
                    "--endpoint", endpoint, "--mode", "trng", "--sampler", "ddim", "--steps", "10", "--eta", "1",
                    "--batch", "32", "--pixels", "8"), 120);
            Map<String, String> values = Python.values(printed);
            assertEquals("ok", values.get("check"), printed);
            long normals = 32L * 64 * 10;
            assertEquals(String.valueOf(normals), values.get("normals"), "x_T and 9 noisy steps: " + printed);
            assertEquals(String.valueOf(32 * normals), values.get("hardware_bits"), printed);
        } finally {
            serve.interrupt();
            serve.join(30_000);
        }
        assertEquals(0, exitCode.get(), err.toString());
    }
}

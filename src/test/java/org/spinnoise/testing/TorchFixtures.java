package org.spinnoise.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ONNX fixtures of clients/python/tests/onnx_round_trip.py: a small ε-network exported from PyTorch (Debian's
 * python3-torch for {@link Python#PYTHON}, which .ci/install-deps installs), its inputs and PyTorch's sampling steps.
 * Tests that need them are skipped, with the reason, only where python3-torch is missing.
 */
public final class TorchFixtures {
    private static final String SCRIPT = "tests/onnx_round_trip.py";

    private TorchFixtures() {
    }

    /** Skips the calling test unless /usr/bin/python3 can import torch. */
    public static void assumeTorch() throws Exception {
        Process probe = new ProcessBuilder(Python.PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        boolean done = probe.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(done && probe.exitValue() == 0, "python3-torch is not installed for " + Python.PYTHON
                + " (.ci/install-deps installs it: apt-get install -y python3-torch)");
    }

    /** Runs the fixture script into {@code dir}; {@code onlyModel} writes just the two good models. */
    public static Path write(Path dir, boolean onlyModel) throws Exception {
        assumeTorch();
        Files.createDirectories(dir);
        Process p = onlyModel ? Python.start(Python.clientScript(SCRIPT), dir.toString(), "--only-model")
                : Python.start(Python.clientScript(SCRIPT), dir.toString());
        Python.finish(p, 120);
        return dir;
    }

    /** A file of little-endian float32 values. */
    public static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }
}

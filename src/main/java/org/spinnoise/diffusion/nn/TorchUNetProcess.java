package org.spinnoise.diffusion.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in U-Net rebuilt in PyTorch by the script {@value #SCRIPT} shipped in the jar, running in a child
 * {@code python3} that stays up for the whole benchmark: each {@link #time} asks it for one round of forward calls,
 * so PyTorch's rounds interleave with the Java and ONNX Runtime rounds of the same run. {@link #predict} runs the
 * rebuilt network on given images, so the benchmark can show it is the same network. Needs a python with torch
 * (Debian: python3-torch); {@link #start} returns null when none is found.
 */
public final class TorchUNetProcess implements AutoCloseable {

    /** The timing script's resource name. */
    public static final String SCRIPT = "unet_torch.py";

    private static final Logger LOG = LoggerFactory.getLogger(TorchUNetProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Wall and CPU seconds of {@code calls} forward calls, as the script measured them. */
    public record Round(double wallSeconds, double cpuSeconds, int calls) {
    }

    private final Process process;
    private final PrintWriter requests;
    private final BufferedReader replies;
    private final Path folder;
    private final String version;

    private TorchUNetProcess(Process process, Path folder) throws IOException {
        this.process = process;
        this.folder = folder;
        this.requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.version = reply().get("torch").asText();
    }

    /**
     * Starts the script on {@code weights} (a file as {@code spinnoise export-weights} writes it) with the first of
     * {@code pythons} that can import torch; null when none can.
     */
    public static TorchUNetProcess start(Path weights, List<String> pythons) throws IOException {
        String python = pythons.stream().filter(TorchUNetProcess::hasTorch).findFirst().orElse(null);
        if (python == null) {
            return null;
        }
        Path folder = Files.createTempDirectory("spinnoise-torch");
        Path script = folder.resolve(SCRIPT);
        try (InputStream in = TorchUNetProcess.class.getResourceAsStream(SCRIPT)) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process process = new ProcessBuilder(python, script.toString(), "--weights", weights.toString(), "--serve")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new TorchUNetProcess(process, folder);
    }

    private static boolean hasTorch(String python) {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The torch version the child runs. */
    public String version() {
        return version;
    }

    /** One round: {@code calls} forward calls on {@code batch} images with {@code threads} torch threads. */
    public Round time(int batch, int threads, int calls) throws IOException {
        requests.printf(Locale.ROOT, "time %d %d %d%n", batch, threads, calls);
        JsonNode reply = reply();
        return new Round(reply.get("wall_s").asDouble(), reply.get("cpu_s").asDouble(), calls);
    }

    /** The rebuilt network's predicted noise for image-major {@code images} at {@code timesteps}. */
    public float[] predict(float[] images, int[] timesteps) throws IOException {
        Path in = folder.resolve("images.f32");
        Path out = folder.resolve("eps.f32");
        Files.write(in, OnnxProtobuf.littleEndian(images));
        StringBuilder steps = new StringBuilder();
        for (int t : timesteps) {
            steps.append(steps.length() == 0 ? "" : ",").append(t);
        }
        requests.printf(Locale.ROOT, "check %s %s %s%n", in, steps, out);
        reply();
        float[] eps = new float[images.length];
        java.nio.ByteBuffer.wrap(Files.readAllBytes(out)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(eps);
        return eps;
    }

    private JsonNode reply() throws IOException {
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the PyTorch timing script " + SCRIPT + " stopped (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", folder, e.getMessage());
        }
    }
}

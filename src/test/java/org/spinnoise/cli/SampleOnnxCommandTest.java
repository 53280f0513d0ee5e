package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;
import org.spinnoise.testing.TorchFixtures;

/**
 * {@code spinnoise sample --checkpoint FILE.onnx}: a PyTorch ε-network exported to ONNX samples with trng noise from a
 * pool, writes its grid and a record that names the model, its schedule and the pool bits; the schedule options
 * apply to ONNX models only; a model that does not fit stops the command with one line and exit 1.
 */
class SampleOnnxCommandTest {
    @TempDir
    Path dir;

    @Test
    void anOnnxModelSamplesWithPoolNoiseAndWritesItsImages() throws Exception {
        Path model = TorchFixtures.write(dir.resolve("models"), true).resolve("eps-net.onnx");
        Path pool = TinyTraining.pool(dir.resolve("pool"), 64 << 10);
        Path grid = dir.resolve("out/onnx.png");
        Files.createDirectories(grid.getParent());
        Outcome sampled = run("sample", "--checkpoint", model.toString(), "--mode", "trng", "--pool", pool.toString(),
                "--images", "2", "--steps", "3", "--eta", "1", "--out", grid.toString());
        assertEquals(0, sampled.code(), sampled.out() + sampled.err());
        assertTrue(sampled.out().contains("ONNX model: images 1x28x28 from input 'x'")
                && sampled.out().contains("from the model's metadata"), sampled.out());
        BufferedImage image = ImageIO.read(grid.toFile());
        assertEquals(2 * (28 * 3) + 3 * 2, image.getWidth(), "two images drawn 3x, with their gaps");
        JsonNode record = new ObjectMapper().readTree(dir.resolve("out/onnx.json").toFile());
        assertEquals(model.toString(), record.get("checkpoint").asText());
        assertTrue(record.get("checkpoint_step").isNull() && record.get("weights").isNull(), record.toString());
        assertTrue(record.get("model").asText().contains("schedule linear(T=1000, beta 0.000100000..0.0200000) from the "
                + "model's metadata"), record.toString());
        assertEquals("trng", record.get("mode").asText());
        assertEquals(3 * 2 * 784, record.get("normals").asLong(), "x_T and two noisy steps of DDIM S=3, eta=1");
        assertEquals(32L * 3 * 2 * 784, record.get("pool_bits").asLong());
        assertEquals(3, record.get("denoiser_calls").asInt());

        Outcome cosine = run("sample", "--checkpoint", model.toString(), "--mode", "prng", "--images", "1", "--steps",
                "2", "--schedule", "cosine", "--timesteps", "200", "--out", dir.resolve("out/cosine.png").toString());
        assertEquals(0, cosine.code(), cosine.err());
        assertTrue(cosine.out().contains("cosine(T=200") && cosine.out().contains("from --schedule/--timesteps"),
                cosine.out());

        Outcome weights = run("sample", "--checkpoint", model.toString(), "--mode", "prng", "--weights", "parameters",
                "--out", dir.resolve("out/no.png").toString());
        assertEquals(1, weights.code());
        assertTrue(weights.err().contains("--weights applies to spinnoise checkpoints"), weights.err());
    }

    /** evaluate takes the same --checkpoint FILE.onnx: the user's model runs the whole comparison with pool noise. */
    @Test
    void evaluateComparesSourcesOnAnOnnxModel() throws Exception {
        Path model = TorchFixtures.write(dir.resolve("models"), true).resolve("eps-net.onnx");
        Path pool = TinyTraining.pool(dir.resolve("pool"), 1 << 20);
        Outcome evaluated = run("evaluate", "--checkpoint", model.toString(), "--data",
                TinyTraining.data(dir).toString(), "--out", dir.resolve("eval").toString(), "--sources", "trng,prng",
                "--pool", pool.toString(), "--seeds", "2", "--images", "4", "--batch", "2", "--steps", "2",
                "--bootstrap", "50", "--permutations", "200");
        assertEquals(0, evaluated.code(), evaluated.out() + evaluated.err());
        assertTrue(evaluated.out().startsWith("evaluate " + model), evaluated.out());
        JsonNode table = new ObjectMapper().readTree(dir.resolve("eval/evaluation.json").toFile());
        assertEquals("trng", table.get("rows").get(0).get("label").asText());
        assertEquals(32.0 * 2 * 784, table.get("rows").get(0).get("hardwareBitsPerImage").asDouble(),
                "x_T and one noisy step of DDIM S=2, eta=1, 32 pool bits per normal");
        assertTrue(Files.readString(dir.resolve("eval/evaluation-report.md")).contains(model + ": ONNX model"),
                "the report names the model and how it ran");
    }

    @Test
    void scheduleOptionsAreRefusedForTheBuiltInModelAndABadModelStopsWithOneLine() throws Exception {
        Outcome builtIn = run("sample", "--mode", "prng", "--schedule", "cosine", "--out",
                dir.resolve("no.png").toString());
        assertEquals(2, builtIn.code(), "a usage mistake");
        assertTrue(builtIn.err().contains("--schedule and --timesteps apply only to an ONNX model")
                && builtIn.err().contains("Try 'spinnoise sample --help'"), builtIn.err());
        Outcome unknown = run("sample", "--checkpoint", dir.resolve("any.onnx").toString(), "--mode", "prng",
                "--schedule", "sigmoid", "--out", dir.resolve("no.png").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--schedule must be linear or cosine, not 'sigmoid'"), unknown.err());

        Path notAModel = Files.writeString(dir.resolve("notes.onnx"), "not a protobuf at all");
        Outcome bad = run("sample", "--checkpoint", notAModel.toString(), "--mode", "prng", "--out",
                dir.resolve("no.png").toString());
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("spinnoise: " + notAModel + " is not an ONNX model ONNX Runtime can load"),
                bad.err());
        assertFalse(Files.exists(dir.resolve("no.png")));
    }
}

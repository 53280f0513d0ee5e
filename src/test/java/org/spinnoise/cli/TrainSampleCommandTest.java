package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.train.Checkpoint;

/** {@code spinnoise train} and {@code spinnoise sample}, run tiny on stand-in data: folder, resume, noise record. */
class TrainSampleCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path trainedRun() throws Exception {
        Path data = TinyTraining.data(dir);
        Path runDir = dir.resolve("run");
        Result first = run("train", "--out", runDir.toString(), "--data", data.toString(), "--steps", "3", "--batch", "2",
                "--timesteps", "50", "--checkpoint-every", "2", "--images", "0");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("step 3/3"), first.out());
        Result again = run("train", "--out", runDir.toString(), "--data", data.toString(), "--steps", "5");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("add --resume"), again.err());
        Result resumed = run("train", "--out", runDir.toString(), "--data", data.toString(), "--steps", "4", "--resume",
                "--images", "2", "--grid-steps", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming") && resumed.out().contains("at step 3"), resumed.out());
        assertTrue(Files.isRegularFile(runDir.resolve(TrainCommand.GRID)));
        return runDir;
    }

    @Test
    void trainWritesACheckpointALossCurveAndResumesTheRun() throws Exception {
        Path runDir = trainedRun();
        Checkpoint cp = Checkpoint.read(runDir.resolve(TrainCommand.CHECKPOINT));
        assertEquals(4, cp.header().step());
        assertTrue(cp.header().command().startsWith("spinnoise train --steps 3 --batch 2"), cp.header().command());
        assertEquals("unet", cp.header().settings().get("model.kind"));
        assertEquals("50", cp.header().settings().get("schedule.steps"));
        List<String> curve = Files.readAllLines(runDir.resolve(TrainCommand.LOSS));
        assertEquals(List.of("step", "1", "2", "3", "4"), curve.stream().map(l -> l.split(",")[0]).toList());
        assertEquals(2 * (28 * 3) + 3 * 2, ImageIO.read(runDir.resolve(TrainCommand.GRID).toFile()).getWidth());
    }

    @Test
    void sampleRecordsTheNoiseOfEachModeAndRefusesAShortPool() throws Exception {
        Path checkpoint = trainedRun().resolve(TrainCommand.CHECKPOINT);
        Path grid = dir.resolve("out/prng.png");
        Result prng = run("sample", "--checkpoint", checkpoint.toString(), "--mode", "prng", "--images", "2",
                "--steps", "3", "--out", grid.toString());
        assertEquals(0, prng.code(), prng.err());
        JsonNode record = new ObjectMapper().readTree(dir.resolve("out/prng.json").toFile());
        assertEquals(2 * 784, record.get("normals").asLong());
        assertEquals(0, record.get("pool_bits").asLong());
        assertEquals(3, record.get("denoiser_calls").asInt());
        assertTrue(Files.isRegularFile(grid));
        // issue 19: the normals the run drew are checked against N(0, 1), on the console and in the record
        assertTrue(prng.out().contains("noise check: 1,568 normals: mean, variance, skewness, kurtosis, KS and lags 1-8 "
                + "all within the range of N(0, 1) draws"), prng.out());
        assertEquals(5 + 8, record.get("noise_check").size(), record.toString());
        for (JsonNode figure : record.get("noise_check")) {
            assertTrue(!figure.get("flagged").asBoolean() && figure.get("value").asDouble() >= figure.get("low")
                    .asDouble() && figure.get("value").asDouble() <= figure.get("high").asDouble(), figure.toString());
        }

        Path poolDir = TinyTraining.pool(dir.resolve("pool"), 256 << 10);
        Result trng = run("sample", "--checkpoint", checkpoint.toString(), "--mode", "trng", "--pool", poolDir.toString(),
                "--images", "2", "--steps", "4", "--eta", "1", "--out", dir.resolve("out/trng.png").toString());
        assertEquals(0, trng.code(), trng.err());
        record = new ObjectMapper().readTree(dir.resolve("out/trng.json").toFile());
        assertEquals("trng", record.get("mode").asText());
        assertEquals(org.spinnoise.noise.NoiseMode.TRNG.generator(), record.get("generator").asText(),
                "issue 18 defect 9: the record names the generator");
        assertEquals(4 * 2 * 784, record.get("normals").asLong());
        assertEquals(32L * 4 * 2 * 784, record.get("pool_bits").asLong());
        assertTrue(trng.out().contains("noise check: 6,272 normals: "), trng.out());

        Result tooMuch = run("sample", "--checkpoint", checkpoint.toString(), "--mode", "trng", "--pool", poolDir.toString(),
                "--sampler", "ddpm", "--images", "2", "--out", dir.resolve("out/no.png").toString());
        assertEquals(1, tooMuch.code());
        assertTrue(tooMuch.err().contains("fewer than the 313,600 this run needs (78,400 normals"), tooMuch.err());
        assertTrue(!Files.exists(dir.resolve("out/no.png")));

        Result noPool = run("sample", "--checkpoint", checkpoint.toString(), "--mode", "trng", "--pool",
                dir.resolve("nowhere").toString(), "--out", dir.resolve("out/no.png").toString());
        assertEquals(1, noPool.code());
        assertTrue(noPool.err().contains("no entropy pool at"), noPool.err());
        assertTrue(!Files.exists(dir.resolve("nowhere")));

        Result notACheckpoint = run("sample", "--checkpoint", grid.toString(), "--mode", "prng", "--out",
                dir.resolve("out/no.png").toString());
        assertEquals(1, notACheckpoint.code());
        assertTrue(notACheckpoint.err().contains("not a spinnoise checkpoint"), notACheckpoint.err());
    }
}

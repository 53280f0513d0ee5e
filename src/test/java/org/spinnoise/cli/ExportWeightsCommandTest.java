package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.run.CodeVersion;

/** {@code spinnoise export-weights} on a tiny training run, and {@code sample} reading what it wrote. */
class ExportWeightsCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportKeepsTheEmaWeightsWithCommandSeedStepsAndMeanLoss() throws Exception {
        Path checkpoint = TinyTraining.checkpoint(dir);
        Path exported = dir.resolve("unet.ckpt");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), "export-weights", "--checkpoint",
                checkpoint.toString(), "--loss-window", "2", "--out", exported.toString()), err.toString());
        assertTrue(out.toString().contains("seed 1, 3 steps"), out.toString());

        Checkpoint source = Checkpoint.read(checkpoint);
        Checkpoint weights = Checkpoint.read(exported);
        assertEquals(List.of("ema"), List.copyOf(weights.arrays().keySet()));
        assertArrayEquals(source.array("ema", checkpoint), weights.array("ema", exported));
        assertEquals(source.header().command(), weights.header().command());
        assertEquals(source.header().seed(), weights.header().seed());
        assertEquals(3, weights.header().step());
        List<String> rows = Files.readAllLines(checkpoint.resolveSibling(TrainCommand.LOSS));
        double lastTwo = (Double.parseDouble(rows.get(2).split(",")[1]) + Double.parseDouble(rows.get(3).split(",")[1])) / 2;
        assertEquals(lastTwo, weights.header().loss(), 1e-12);
        assertEquals("2", weights.header().settings().get(BuiltInModel.LOSS_WINDOW));
        assertEquals(CodeVersion.describe(), weights.header().settings().get(BuiltInModel.TRAINING_CODE));

        // the exported file is a model 'sample' can use
        Path grid = dir.resolve("grid.png");
        assertEquals(0, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "sample", "--checkpoint",
                exported.toString(), "--mode", "prng", "--steps", "2", "--images", "2", "--out",
                grid.toString()), err.toString());
        assertTrue(Files.size(grid) > 0);
    }

    @Test
    void aContradictingTrainingCodeVersionIsRefused() throws Exception {
        Path checkpoint = TinyTraining.checkpoint(dir);
        StringWriter err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "export-weights",
                "--checkpoint", checkpoint.toString(), "--training-code", "9.9 (git 0000000)", "--out",
                dir.resolve("x.ckpt").toString()));
        assertTrue(err.toString().contains("drop --training-code"), err.toString());
    }
}

package org.spinnoise.diffusion.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.data.LabelledImages;

/** The training loop on a linear denoiser: it learns, it is seeded, and a resumed run is the uninterrupted run. */
class DiffusionTrainerTest {
    private static final ImageShape SHAPE = new ImageShape(1, 4, 4);
    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(100);
    private static final TrainingConfig CONFIG = new TrainingConfig(7, 8, 0.01, 0.99, 1.0);
    private static final Map<String, String> MODEL = Map.of("model.kind", "linear-test");

    @TempDir
    Path dir;

    /** 64 images of two kinds, bright left half or bright top half, with a little pixel noise. */
    private static LabelledImages data() {
        int count = 64;
        byte[] pixels = new byte[count * SHAPE.values()];
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < count; n++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean bright = n % 2 == 0 ? c < 2 : r < 2;
                    pixels[n * 16 + r * 4 + c] = (byte) ((bright ? 220 : 30) + random.nextInt(20));
                }
            }
        }
        return new LabelledImages(SHAPE, count, pixels, new byte[count]);
    }

    private static DiffusionTrainer fresh() {
        return DiffusionTrainer.start(new LinearDenoiser(SHAPE, SCHEDULE.steps(), 1), SCHEDULE, data(), CONFIG,
                "test", MODEL);
    }

    @Test
    void theLinearTestModelsGradientMatchesFiniteDifferences() {
        LinearDenoiser model = new LinearDenoiser(SHAPE, 100, 2);
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[3 * 16];
        float[] eps = new float[3 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
            eps[i] = (float) random.nextGaussian();
        }
        int[] t = {3, 50, 99};
        float[] gradient = new float[model.parameters().length];
        model.lossAndGradient(x, 3, t, eps, gradient);
        float[] scratch = new float[gradient.length];
        for (int p : new int[] {0, 17, 255, 256, 271, 272, 287}) {
            float saved = model.parameters()[p];
            double h = 1e-2;
            model.parameters()[p] = (float) (saved + h);
            double up = model.lossAndGradient(x, 3, t, eps, scratch);
            model.parameters()[p] = (float) (saved - h);
            double down = model.lossAndGradient(x, 3, t, eps, scratch);
            model.parameters()[p] = saved;
            assertEquals((up - down) / (2 * h), gradient[p], 2e-4, "parameter " + p);
        }
    }

    @Test
    void theLossFallsAsTheModelLearnsToPredictTheNoise() {
        DiffusionTrainer trainer = fresh();
        double first = 0;
        double last = 0;
        for (int s = 1; s <= 400; s++) {
            double loss = trainer.step();
            if (s <= 50) {
                first += loss / 50;
            } else if (s > 350) {
                last += loss / 50;
            }
        }
        assertTrue(last < 0.6 * first, "mean loss of the first 50 steps " + first + ", of the last 50 " + last);
        assertEquals(400, trainer.stepsDone());
    }

    @Test
    void aResumedRunTakesExactlyTheStepsOfAnUninterruptedOne() throws IOException {
        Path straightCkpt = dir.resolve("straight/ckpt.bin");
        Path straightCurve = dir.resolve("straight/loss.csv");
        DiffusionTrainer straight = fresh();
        try (LossCurve curve = LossCurve.create(straightCurve)) {
            straight.trainUntil(30, curve, straightCkpt, 10, DiffusionTrainer.ProgressListener.SILENT);
        }

        Path ckpt = dir.resolve("split/ckpt.bin");
        Path curveFile = dir.resolve("split/loss.csv");
        DiffusionTrainer first = fresh();
        try (LossCurve curve = LossCurve.create(curveFile)) {
            first.trainUntil(17, curve, ckpt, 1000, DiffusionTrainer.ProgressListener.SILENT);
            // Steps past the checkpoint whose rows reach the curve but whose state is lost, as in a crash.
            first.step();
            curve.append(18, first.lastLoss());
        }
        LinearDenoiser other = new LinearDenoiser(SHAPE, SCHEDULE.steps(), 99);
        DiffusionTrainer resumed = DiffusionTrainer.resume(ckpt, other, SCHEDULE, data());
        assertEquals(17, resumed.stepsDone());
        assertEquals(CONFIG, resumed.config());
        try (LossCurve curve = LossCurve.resume(curveFile, resumed.stepsDone())) {
            resumed.trainUntil(30, curve, ckpt, 1000, DiffusionTrainer.ProgressListener.SILENT);
        }

        Checkpoint a = Checkpoint.read(straightCkpt);
        Checkpoint b = Checkpoint.read(ckpt);
        assertEquals(30, b.header().step());
        assertEquals(a.header().loss(), b.header().loss());
        for (String name : List.of("parameters", "ema", "adam.m", "adam.v")) {
            assertArrayEquals(a.array(name, straightCkpt), b.array(name, ckpt), name);
        }
        assertEquals(Files.readAllLines(straightCurve), Files.readAllLines(curveFile));
        assertEquals(31, Files.readAllLines(curveFile).size());
        assertEquals("linear-test", b.header().settings().get("model.kind"));
    }

    @Test
    void theSeedDecidesTheTrajectory() {
        DiffusionTrainer a = fresh();
        DiffusionTrainer b = fresh();
        DiffusionTrainer c = DiffusionTrainer.start(new LinearDenoiser(SHAPE, SCHEDULE.steps(), 1), SCHEDULE, data(),
                new TrainingConfig(8, 8, 0.01, 0.99, 1.0), "test", MODEL);
        for (int s = 0; s < 5; s++) {
            assertEquals(a.step(), b.step());
            c.step();
        }
        assertArrayEquals(a.checkpoint().arrays().get("parameters"), b.checkpoint().arrays().get("parameters"));
        assertFalse(Arrays.equals(a.checkpoint().arrays().get("parameters"), c.checkpoint().arrays().get("parameters")));
    }

    @Test
    void resumingWithAnotherScheduleOrModelSizeIsRefused() throws IOException {
        Path ckpt = dir.resolve("ckpt.bin");
        DiffusionTrainer trainer = fresh();
        trainer.step();
        trainer.checkpoint().write(ckpt);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> DiffusionTrainer.resume(ckpt, new LinearDenoiser(SHAPE, 100, 1), NoiseSchedule.cosine(100), data()));
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());
        ImageShape bigger = new ImageShape(1, 5, 5);
        e = assertThrows(CheckpointException.class,
                () -> DiffusionTrainer.resume(ckpt, new LinearDenoiser(bigger, 100, 1), SCHEDULE, data()));
        assertTrue(e.getMessage().contains("288 weights but the model has 675"), e.getMessage());
    }

    @Test
    void aDivergingRunStopsWithAClearMessage() {
        DiffusionTrainer trainer = DiffusionTrainer.start(new LinearDenoiser(SHAPE, 100, 1) {
            @Override
            public double lossAndGradient(float[] x, int batch, int[] t, float[] eps, float[] gradientOut) {
                return Double.NaN;
            }
        }, SCHEDULE, data(), CONFIG, "test", MODEL);
        IllegalStateException e = assertThrows(IllegalStateException.class, trainer::step);
        assertTrue(e.getMessage().contains("diverged at step 1"), e.getMessage());
    }
}

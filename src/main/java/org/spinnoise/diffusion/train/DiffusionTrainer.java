package org.spinnoise.diffusion.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.TrainableDenoiser;
import org.spinnoise.diffusion.data.LabelledImages;

/**
 * The ε-prediction training loop of Ho et al., independent of the network: each step draws a batch of training
 * images x_0, timesteps t uniform in [0, T) and noise ε, forms x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, asks the
 * {@link TrainableDenoiser} for the loss ‖ε̂ − ε‖² and its gradient, clips the gradient, takes an Adam step and
 * updates the EMA. Step k's draws come from a generator seeded by (seed, k) alone, so a run resumed from a checkpoint
 * takes exactly the steps an uninterrupted run would. Training noise is software noise: only sampling noise is the
 * experiment's subject.
 */
public final class DiffusionTrainer {
    static final String PARAMETERS = "parameters";
    static final String EMA = "ema";
    static final String ADAM_FIRST = "adam.m";
    static final String ADAM_SECOND = "adam.v";

    private final TrainableDenoiser model;
    private final NoiseSchedule schedule;
    private final LabelledImages data;
    private final TrainingConfig config;
    private final String command;
    private final Map<String, String> modelSettings;
    private final Adam adam;
    private final Ema ema;
    private final float[] gradient;
    private final float[] x;
    private final float[] eps;
    private final int[] timesteps;
    private long step;
    private double lastLoss = Double.NaN;

    private DiffusionTrainer(TrainableDenoiser model, NoiseSchedule schedule, LabelledImages data, TrainingConfig config,
                             String command, Map<String, String> modelSettings) {
        if (!model.shape().equals(data.shape())) {
            throw new IllegalArgumentException("the model takes " + model.shape() + " images but the data holds " + data.shape());
        }
        this.model = model;
        this.schedule = schedule;
        this.data = data;
        this.config = config;
        this.command = command;
        this.modelSettings = Map.copyOf(modelSettings);
        int parameters = model.parameters().length;
        this.adam = Adam.withLearningRate(parameters, config.learningRate());
        this.ema = new Ema(model.parameters(), config.emaDecay());
        this.gradient = new float[parameters];
        this.x = new float[data.shape().values(config.batchSize())];
        this.eps = new float[x.length];
        this.timesteps = new int[config.batchSize()];
    }

    /**
     * A new run from the model's current weights.
     *
     * @param command       the command line, recorded in checkpoints
     * @param modelSettings what the caller needs to rebuild the network from a checkpoint (sizes, kinds)
     */
    public static DiffusionTrainer start(TrainableDenoiser model, NoiseSchedule schedule, LabelledImages data,
                                         TrainingConfig config, String command, Map<String, String> modelSettings) {
        return new DiffusionTrainer(model, schedule, data, config, command, modelSettings);
    }

    /**
     * Continues the run saved in {@code file}: its weights go into {@code model}, and its seed, settings, optimizer
     * state, EMA and step count are taken over. The model must have the same number of parameters and the schedule
     * the same name as when the checkpoint was written.
     */
    public static DiffusionTrainer resume(Path file, TrainableDenoiser model, NoiseSchedule schedule, LabelledImages data)
            throws IOException {
        Checkpoint cp = Checkpoint.read(file);
        Checkpoint.Header h = cp.header();
        if (!h.schedule().equals(schedule.name())) {
            throw new CheckpointException(file + " was trained with schedule " + h.schedule() + ", not " + schedule.name());
        }
        float[] weights = cp.array(PARAMETERS, file);
        if (weights.length != model.parameters().length) {
            throw new CheckpointException(file + " holds " + weights.length + " weights but the model has "
                    + model.parameters().length + ": build the model with the checkpoint's settings " + h.settings());
        }
        Map<String, String> modelSettings = new LinkedHashMap<>(h.settings());
        modelSettings.keySet().removeIf(k -> k.startsWith("train."));
        TrainingConfig config = TrainingConfig.fromSettings(h.settings(), file.toString());
        System.arraycopy(weights, 0, model.parameters(), 0, weights.length);
        DiffusionTrainer trainer = new DiffusionTrainer(model, schedule, data, config, h.command(), modelSettings);
        trainer.ema.restore(cp.array(EMA, file));
        trainer.adam.restore(cp.array(ADAM_FIRST, file), cp.array(ADAM_SECOND, file), h.step());
        trainer.step = h.step();
        trainer.lastLoss = h.loss();
        return trainer;
    }

    /** Takes one optimizer step and returns its loss. */
    public double step() {
        long next = step + 1;
        SplittableRandom random = new SplittableRandom(stepSeed(config.seed(), next));
        int values = data.shape().values();
        int batch = config.batchSize();
        for (int b = 0; b < batch; b++) {
            int image = random.nextInt(data.count());
            int t = random.nextInt(schedule.steps());
            timesteps[b] = t;
            data.copyScaled(image, x, b * values);
            double signal = Math.sqrt(schedule.alphaBar(t));
            double noise = Math.sqrt(1 - schedule.alphaBar(t));
            for (int i = b * values; i < (b + 1) * values; i++) {
                float e = (float) random.nextGaussian();
                eps[i] = e;
                x[i] = (float) (signal * x[i] + noise * e);
            }
        }
        double loss = model.lossAndGradient(x, batch, timesteps, eps, gradient);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged at step " + next + " (loss " + loss
                    + "): lower the learning rate or the gradient clip norm");
        }
        clip(gradient, config.gradientClipNorm());
        float[] parameters = model.parameters();
        adam.update(parameters, gradient);
        ema.update(parameters);
        step = next;
        lastLoss = loss;
        return loss;
    }

    /**
     * Trains until {@code untilStep} steps are done, appending each loss to {@code curve} and writing a checkpoint to
     * {@code checkpointFile} every {@code checkpointEverySteps} steps and at the end.
     */
    public void trainUntil(long untilStep, LossCurve curve, Path checkpointFile, long checkpointEverySteps,
                           ProgressListener progress) throws IOException {
        if (checkpointEverySteps < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 step, got " + checkpointEverySteps);
        }
        while (step < untilStep) {
            double loss = step();
            curve.append(step, loss);
            progress.stepDone(step, untilStep, loss);
            if (step % checkpointEverySteps == 0 || step == untilStep) {
                curve.flush();
                checkpoint().write(checkpointFile);
            }
        }
    }

    /** Told after every step. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener SILENT = (step, total, loss) -> { };

        void stepDone(long step, long totalSteps, double loss);
    }

    /** A snapshot of the whole run state. */
    public Checkpoint checkpoint() {
        Map<String, String> settings = new LinkedHashMap<>(modelSettings);
        settings.putAll(config.toSettings());
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put(PARAMETERS, model.parameters());
        arrays.put(EMA, ema.weights());
        arrays.put(ADAM_FIRST, adam.firstMoment());
        arrays.put(ADAM_SECOND, adam.secondMoment());
        return Checkpoint.of(command, config.seed(), step, lastLoss, schedule.name(), settings, arrays);
    }

    static void clip(float[] g, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double sum = 0;
        for (float v : g) {
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
    }

    /** A well-mixed seed for step {@code k} (the SplitMix64 finaliser over seed and step). */
    static long stepSeed(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long stepsDone() {
        return step;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public TrainingConfig config() {
        return config;
    }

    /** The live EMA weights; copy them into the model's parameters to sample from the averaged network. */
    public float[] emaWeights() {
        return ema.weights();
    }
}

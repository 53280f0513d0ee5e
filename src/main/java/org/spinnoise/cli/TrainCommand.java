package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.SampleGrid;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.model.DiffusionModels;
import org.spinnoise.diffusion.nn.UNet;
import org.spinnoise.diffusion.nn.UNetConfig;
import org.spinnoise.diffusion.nn.UNetDenoiser;
import org.spinnoise.diffusion.train.DiffusionTrainer;
import org.spinnoise.diffusion.train.LossCurve;
import org.spinnoise.diffusion.train.TrainingConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.run.CodeVersion;
import org.spinnoise.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise train}: trains the built-in U-Net on Fashion-MNIST by ε-prediction, writing a checkpoint every few
 * hundred steps and the loss of every step into a folder, and ends with a grid sampled from the averaged (EMA) weights.
 * {@code --resume} continues the folder's run exactly where its checkpoint left it.
 */
@Command(name = "train", description = "Train the built-in diffusion U-Net on Fashion-MNIST (seeded, resumable).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise train --out runs/unet",
                "  spinnoise train --out runs/unet --resume",
                "  spinnoise train --out runs/tiny --steps 20 --images 4 --grid-steps 5"})
final class TrainCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.ckpt";
    static final String LOSS = "loss.csv";
    static final String GRID = "ema-samples.png";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Run folder: checkpoint, loss curve and sample grid.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Folder with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path data;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "6000",
            description = "Total optimizer steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint (its seed and settings).")
    boolean resume;

    @OptionRange(min = 1)
    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @OptionRange(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.0005",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--ema", paramLabel = "DECAY", defaultValue = "0.999",
            description = "EMA decay of the weights (default: ${DEFAULT-VALUE}).")
    double emaDecay;

    @OptionRange(min = 0)
    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0",
            description = "Gradient norm clip, 0 for none (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of weights, batches and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "linear",
            description = "linear or cosine (default: ${DEFAULT-VALUE}).")
    String scheduleKind;

    @OptionRange(min = 2)
    @Option(names = "--timesteps", paramLabel = "N", defaultValue = "1000",
            description = "Diffusion steps T (default: ${DEFAULT-VALUE}).")
    int timesteps;

    @OptionRange(min = 1)
    @Option(names = "--checkpoint-every", paramLabel = "STEPS", defaultValue = "250",
            description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @OptionRange(min = 0)
    @Option(names = "--images", paramLabel = "N", defaultValue = "16",
            description = "Images in the final EMA sample grid, 0 for none (default: ${DEFAULT-VALUE}).")
    int gridImages;

    @OptionRange(min = 1)
    @Option(names = "--grid-steps", paramLabel = "N", defaultValue = "50", description = "DDIM sampler steps for that "
            + "grid; here --steps counts optimizer steps (default: ${DEFAULT-VALUE}).")
    int gridSteps;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        LabelledImages train = FashionMnist.load(data, FashionMnist.Split.TRAIN);
        Path checkpoint = out.resolve(CHECKPOINT);
        DiffusionTrainer trainer;
        UNetDenoiser model;
        NoiseSchedule schedule;
        if (resume) {
            if (!Files.isRegularFile(checkpoint)) {
                throw new IllegalArgumentException("--resume: " + checkpoint + " does not exist; start the run without --resume");
            }
            DiffusionModels.Loaded loaded = DiffusionModels.load(checkpoint, "parameters");
            model = loaded.denoiser();
            schedule = loaded.schedule();
            trainer = DiffusionTrainer.resume(checkpoint, model, schedule, train);
            console.printf("resuming %s at step %,d (%s)%n", checkpoint, trainer.stepsDone(), trainer.config());
        } else {
            if (Files.exists(checkpoint)) {
                throw new IllegalArgumentException(checkpoint + " already exists: add --resume to continue it, or choose "
                        + "another --out");
            }
            UNetConfig config = UNetConfig.fashionMnist();
            UNet network = new UNet(config);
            model = new UNetDenoiser(network, network.layout().initialValues(seed));
            schedule = NoiseSchedule.named(scheduleKind, timesteps);
            trainer = DiffusionTrainer.start(model, schedule, train, new TrainingConfig(seed, batch, learningRate, emaDecay,
                    clip), commandLine(), DiffusionModels.settings(config, scheduleKind, timesteps,
                    CodeVersion.describe()));
            console.printf("training %s (%,d weights, %s kernels) on %,d images, schedule %s, %s%n", config,
                    network.parameterCount(), model.kernels().name(), train.count(), schedule, trainer.config());
        }
        long startStep = trainer.stepsDone();
        long every = Math.max(1, Math.min(100, steps / 20));
        double[] window = {0, 0};
        Progress progress = ProgressMode.of(spec);
        // The progress display shows the rate and the time left; the console keeps the loss, a line per twentieth.
        progress.begin("train", steps - startStep, "step");
        try (LossCurve curve = LossCurve.resume(out.resolve(LOSS), startStep)) {
            trainer.trainUntil(steps, curve, checkpoint, checkpointEvery, (step, total, loss) -> {
                progress.advance(step - startStep);
                window[0] += loss;
                window[1]++;
                if (step % every == 0 || step == total) {
                    ConsoleProgressBar.clearLine(progress);
                    console.printf(Locale.ROOT, "  step %,d/%,d  loss %.4f%n", step, total, window[0] / window[1]);
                    console.flush();
                    window[0] = 0;
                    window[1] = 0;
                }
            });
        } finally {
            progress.end();
        }
        console.printf("checkpoint %s at step %,d; loss curve %s%n", checkpoint, trainer.stepsDone(), out.resolve(LOSS));
        if (gridImages > 0) {
            System.arraycopy(trainer.emaWeights(), 0, model.parameters(), 0, model.parameters().length);
            try (NoiseSource noise = NoiseSources.open(NoiseMode.PRNG, null, null, seed)) {
                SampleRun run = SampleCommand.sample(new DdimSampler(schedule, gridSteps, 0.0, true), model,
                        gridImages, noise, progress);
                SampleGrid.writePng(run.images(), gridImages, model.shape(), (int) Math.ceil(Math.sqrt(gridImages)), 3,
                        out.resolve(GRID));
            }
            console.printf("EMA samples (DDIM %d steps, prng noise): %s%n", gridSteps, out.resolve(GRID));
        }
        return 0;
    }

    private String commandLine() {
        return String.format(Locale.ROOT, "spinnoise train --steps %d --batch %d --lr %s --ema %s --clip %s --seed %d "
                + "--schedule %s --timesteps %d", steps, batch, learningRate, emaDecay, clip, seed, scheduleKind, timesteps);
    }
}

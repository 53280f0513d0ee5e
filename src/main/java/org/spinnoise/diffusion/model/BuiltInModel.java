package org.spinnoise.diffusion.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.diffusion.onnx.OnnxDenoiser;
import org.spinnoise.diffusion.onnx.ScheduleOverride;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.diffusion.train.CheckpointException;

/**
 * The trained U-Net that ships inside the jar, so {@code sample}, {@code evaluate} and {@code demo} need no training:
 * only the EMA weights of a {@code spinnoise train} checkpoint (no raw weights, no Adam moments), in the same
 * checkpoint format, with a header saying what produced them (command, seed, step, the mean loss of the last steps,
 * schedule, and the code version that trained and exported them). {@link #export} makes such a file from any
 * training run, which is how the shipped one was made and how a researcher replaces it. {@link #forSampling} is where
 * every command that samples gets its model: this one, a checkpoint, or a user's ONNX model.
 */
public final class BuiltInModel {
    /** Where the weights sit on the class path. */
    public static final String RESOURCE = "/org/spinnoise/diffusion/unet-fmnist.ckpt";
    /** How reports and tables name the shipped model. */
    public static final String LABEL = "built-in unet-fmnist";
    /** The only weights array the shipped model holds. */
    public static final String WEIGHTS = "ema";
    /** Header settings an export adds: the mean loss, the steps it covers, the exporting code version. */
    public static final String LOSS_MEAN = "export.loss_mean";
    public static final String LOSS_WINDOW = "export.loss_window_steps";
    public static final String EXPORT_CODE = "export.code_version";
    /** Header setting: the code version that trained the weights. */
    public static final String TRAINING_CODE = DiffusionModels.TRAINING_CODE;

    private BuiltInModel() {
    }

    /** The shipped model, rebuilt from its header's settings. */
    public static DiffusionModels.Loaded load() throws IOException {
        try (InputStream in = BuiltInModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CheckpointException("the built-in model " + RESOURCE + " is missing from the jar: give "
                        + "--checkpoint, or make one with 'spinnoise export-weights' and rebuild");
            }
            return DiffusionModels.of(Checkpoint.parse(in.readAllBytes(), LABEL), WEIGHTS, LABEL);
        }
    }

    /** The model in {@code checkpoint}, or the built-in one when it is null. */
    public static DiffusionModels.Loaded loadOrBuiltIn(Path checkpoint, String weights) throws IOException {
        return checkpoint == null ? load() : DiffusionModels.load(checkpoint, weights);
    }

    /**
     * The model to sample from: the built-in one when {@code checkpoint} is null, a user's ONNX ε-network when its name
     * ends in {@code .onnx} (with the schedule {@code override} gives, else its metadata's, else the default), and a
     * {@code spinnoise train} checkpoint (with the weights named {@code weights}) otherwise. The built-in model and
     * checkpoints record their own schedule and refuse an override.
     */
    public static SamplingModel forSampling(Path checkpoint, String weights, ScheduleOverride override)
            throws IOException {
        if (checkpoint != null && DiffusionModels.isOnnx(checkpoint)) {
            return SamplingModel.of(OnnxDenoiser.open(checkpoint, override), checkpoint);
        }
        if (override.given()) {
            throw new IllegalArgumentException("--schedule and --timesteps apply only to an ONNX model (--checkpoint "
                    + "FILE.onnx); " + (checkpoint == null ? "the built-in model" : checkpoint.toString())
                    + " records its own schedule: drop them");
        }
        return SamplingModel.of(loadOrBuiltIn(checkpoint, weights), checkpoint == null ? LABEL : checkpoint.toString());
    }

    /** One line: who made these weights. */
    public static String provenance(Checkpoint.Header h) {
        Map<String, String> s = h.settings();
        String loss = s.containsKey(LOSS_MEAN)
                ? String.format(Locale.ROOT, "mean loss %.4f over the last %s steps", Double.parseDouble(s.get(LOSS_MEAN)),
                s.get(LOSS_WINDOW))
                : String.format(Locale.ROOT, "last-step loss %.4f", h.loss());
        return String.format(Locale.ROOT, "'%s', seed %d, %,d steps, %s, schedule %s, trained by %s", h.command(),
                h.seed(), h.step(), loss, h.schedule(), s.getOrDefault(TRAINING_CODE, "code of unrecorded version"));
    }

    /**
     * The EMA weights of a training checkpoint with their provenance.
     *
     * @param checkpoint    a checkpoint written by {@code spinnoise train}
     * @param lossCsv       its loss curve; the rows up to the checkpoint's step give the mean loss
     * @param windowSteps   how many of the last steps that mean covers
     * @param trainingCode  the code version that trained it, when the checkpoint does not record one (else null)
     * @param exportCode    the code version exporting it (the caller's, e.g. {@code CodeVersion.describe()})
     */
    public static Checkpoint export(Path checkpoint, Path lossCsv, int windowSteps, String trainingCode,
                                    String exportCode) throws IOException {
        if (windowSteps < 1) {
            throw new IllegalArgumentException("--loss-window must be at least 1 step, got " + windowSteps);
        }
        Checkpoint cp = Checkpoint.read(checkpoint);
        Checkpoint.Header h = cp.header();
        DiffusionModels.config(h.settings(), checkpoint);
        float[] ema = cp.array(WEIGHTS, checkpoint);
        double meanLoss = meanLoss(lossCsv, h.step(), windowSteps);
        Map<String, String> settings = new LinkedHashMap<>(h.settings());
        String recorded = settings.get(TRAINING_CODE);
        if (recorded == null) {
            settings.put(TRAINING_CODE, trainingCode == null ? "unrecorded" : trainingCode);
        } else if (trainingCode != null && !trainingCode.equals(recorded)) {
            throw new IllegalArgumentException(checkpoint + " records that " + recorded + " trained it, not "
                    + trainingCode + ": drop --training-code");
        }
        settings.put(LOSS_MEAN, Double.toString(meanLoss));
        settings.put(LOSS_WINDOW, Long.toString(Math.min(windowSteps, h.step())));
        settings.put(EXPORT_CODE, exportCode);
        return Checkpoint.of(h.command(), h.seed(), h.step(), meanLoss, h.schedule(), settings, Map.of(WEIGHTS, ema));
    }

    /** The mean of the losses of steps (step − window, step] in a {@code step,loss} CSV. */
    static double meanLoss(Path lossCsv, long step, int windowSteps) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(lossCsv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("loss curve " + lossCsv + " does not exist: give --loss with the run's loss.csv", e);
        }
        double sum = 0;
        long count = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            try {
                long s = Long.parseLong(cells[0].trim());
                if (s > step - windowSteps && s <= step) {
                    sum += Double.parseDouble(cells[1].trim());
                    count++;
                }
            } catch (RuntimeException e) {
                throw new IOException(lossCsv + " line " + (i + 1) + " is not 'step,loss': " + lines.get(i), e);
            }
        }
        if (count == 0) {
            throw new IOException(lossCsv + " has no loss for the steps up to " + step + " the checkpoint reached");
        }
        return sum / count;
    }
}

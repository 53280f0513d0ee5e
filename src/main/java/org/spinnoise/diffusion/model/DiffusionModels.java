package org.spinnoise.diffusion.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.nn.UNet;
import org.spinnoise.diffusion.nn.UNetConfig;
import org.spinnoise.diffusion.nn.UNetDenoiser;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.diffusion.train.CheckpointException;

/**
 * The built-in U-Net and its noise schedule as checkpoint settings, and back: what {@code train} writes and
 * {@code sample} reads, so a checkpoint alone rebuilds the network it was trained as. The code version that trained
 * a model is the caller's to give (this package does not know how the jar was built).
 */
public final class DiffusionModels {
    static final String KIND = "unet";
    /** Header setting: the code version that trained the weights. */
    static final String TRAINING_CODE = "code.version";

    private DiffusionModels() {
    }

    /** The settings {@code train} records for {@code config}, trained by code version {@code trainingCode}. */
    public static Map<String, String> settings(UNetConfig config, String scheduleKind, int timesteps,
                                               String trainingCode) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("model.kind", KIND);
        ImageShape image = config.image();
        s.put("model.image", image.channels() + "x" + image.height() + "x" + image.width());
        s.put("model.level_channels", joined(config.levelChannels()));
        s.put("model.groups", Integer.toString(config.groups()));
        s.put("model.sinusoid", Integer.toString(config.sinusoidDimension()));
        s.put("model.time_features", Integer.toString(config.timeFeatures()));
        s.put("schedule.kind", scheduleKind);
        s.put("schedule.steps", Integer.toString(timesteps));
        s.put(TRAINING_CODE, trainingCode);
        return s;
    }

    static UNetConfig config(Map<String, String> s, Object source) throws CheckpointException {
        if (!KIND.equals(s.get("model.kind"))) {
            throw new CheckpointException(source + " is not a diffusion model checkpoint written by 'spinnoise train'");
        }
        try {
            int[] image = Arrays.stream(s.get("model.image").split("x")).mapToInt(Integer::parseInt).toArray();
            int[] levels = Arrays.stream(s.get("model.level_channels").split(",")).mapToInt(Integer::parseInt).toArray();
            return new UNetConfig(new ImageShape(image[0], image[1], image[2]), levels,
                    Integer.parseInt(s.get("model.groups")), Integer.parseInt(s.get("model.sinusoid")),
                    Integer.parseInt(s.get("model.time_features")));
        } catch (RuntimeException e) {
            throw new CheckpointException(source + " has unusable model settings " + s + ": " + e.getMessage(), e);
        }
    }

    static NoiseSchedule schedule(Map<String, String> s, Object source) throws CheckpointException {
        try {
            return NoiseSchedule.named(s.get("schedule.kind"), Integer.parseInt(s.get("schedule.steps")));
        } catch (RuntimeException e) {
            throw new CheckpointException(source + " has an unusable noise schedule (" + s.get("schedule.kind") + ", "
                    + s.get("schedule.steps") + " steps)", e);
        }
    }

    /** A trained model read from a checkpoint, with the weights named {@code weights} ("ema" or "parameters"). */
    public record Loaded(UNetDenoiser denoiser, NoiseSchedule schedule, Checkpoint checkpoint) {
    }

    /** The model in a checkpoint file, with the weights named {@code weights} ("ema" or "parameters"). */
    public static Loaded load(Path file, String weights) throws IOException {
        return of(Checkpoint.read(file), weights, file);
    }

    /** The model in an already read checkpoint; {@code source} names it in errors. */
    static Loaded of(Checkpoint cp, String weights, Object source) throws CheckpointException {
        Map<String, String> s = cp.header().settings();
        UNet network = new UNet(config(s, source));
        float[] values = cp.array(weights, source);
        if (values.length != network.parameterCount()) {
            throw new CheckpointException(source + " holds " + values.length + " weights in '" + weights + "', the network "
                    + network.parameterCount());
        }
        return new Loaded(new UNetDenoiser(network, values), schedule(s, source), cp);
    }

    /** Whether {@code file} names an ONNX model (its name ends in {@code .onnx}, any case) rather than a checkpoint. */
    public static boolean isOnnx(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".onnx");
    }

    private static String joined(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int v : values) {
            b.append(b.length() == 0 ? "" : ",").append(v);
        }
        return b.toString();
    }
}

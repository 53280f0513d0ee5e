package org.spinnoise.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.SamplingModel;
import org.spinnoise.diffusion.onnx.ScheduleOverride;
import picocli.CommandLine.Option;

/**
 * The options that choose the model of every command that samples ({@code sample}, {@code evaluate}), the same names
 * and help in each: {@code --checkpoint} (the built-in U-Net, a {@code spinnoise train} checkpoint, or a user's
 * ε-network exported to ONNX) and, for an ONNX model only, {@code --schedule} and {@code --timesteps}.
 */
final class ModelOptions {
    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint written by 'spinnoise train', or an ε-prediction network exported to ONNX "
                    + "(FILE.onnx; see clients/python/README-torch.md) (default: the built-in model).")
    Path checkpoint;

    @Option(names = "--schedule", paramLabel = "KIND",
            description = "ONNX models only: the noise schedule they were trained with, linear or cosine (default: "
                    + "the model's spinnoise.schedule metadata, else linear, beta 1e-4..0.02).")
    String scheduleKind;

    @OptionRange(min = 2)
    @Option(names = "--timesteps", paramLabel = "N",
            description = "ONNX models only: T, the training timesteps of that schedule (default: the model's "
                    + "spinnoise.timesteps metadata, else 1000).")
    Integer timesteps;

    /** The model chosen, with the weights named {@code weights} when it is a checkpoint. */
    SamplingModel load(String weights) throws IOException {
        return BuiltInModel.forSampling(checkpoint, weights, new ScheduleOverride(scheduleKind, timesteps));
    }

    /** The model's name in records: the built-in one's label or the file given. */
    String name() {
        return checkpoint == null ? BuiltInModel.LABEL : checkpoint.toString();
    }
}

package org.spinnoise.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.DiffusionModels;
import org.spinnoise.diffusion.model.SamplingModel;
import org.spinnoise.diffusion.onnx.ScheduleOverride;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose the model of every command that samples ({@code sample}, {@code evaluate}), the same names
 * and help in each: {@code --checkpoint} (the built-in U-Net, a {@code spinnoise train} checkpoint, or a user's
 * ε-network exported to ONNX) and, for an ONNX model only, {@code --schedule} and {@code --timesteps}.
 */
final class ModelOptions {
    /** The command these options belong to, for usage errors. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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
        ScheduleOverride override;
        try {
            override = new ScheduleOverride(scheduleKind, timesteps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        if (override.given() && (checkpoint == null || !DiffusionModels.isOnnx(checkpoint))) {
            // Usage, not a run-time failure: the schedule of the built-in model and of checkpoints is theirs.
            throw new ParameterException(command.commandLine(), "--schedule and --timesteps apply only to an ONNX "
                    + "model (--checkpoint FILE.onnx); " + name() + " records its own schedule: drop them");
        }
        return BuiltInModel.forSampling(checkpoint, weights, override);
    }

    /** The model's name in records: the built-in one's label or the file given. */
    String name() {
        return checkpoint == null ? BuiltInModel.LABEL : checkpoint.toString();
    }
}

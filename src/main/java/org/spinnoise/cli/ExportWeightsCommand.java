package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.run.CodeVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise export-weights}: keeps only the EMA weights of a training checkpoint, with the command, seed, steps,
 * recent mean loss, schedule and code version that produced them, in a file {@code sample --checkpoint} reads. Written
 * over {@code src/main/resources/org/spinnoise/diffusion/unet-fmnist.ckpt} and rebuilt, it becomes the built-in model.
 */
@Command(name = "export-weights", description = "Keep a training checkpoint's EMA weights and provenance in a small file "
        + "(the format of the built-in model).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise export-weights --checkpoint runs/unet/checkpoint.ckpt \\",
                "      --out unet.ckpt"})
final class ExportWeightsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
            description = "Checkpoint written by 'spinnoise train'.")
    Path checkpoint;

    @Option(names = "--loss", paramLabel = "FILE",
            description = "The run's loss curve (default: loss.csv beside the checkpoint).")
    Path lossCsv;

    @OptionRange(min = 1)
    @Option(names = "--loss-window", paramLabel = "STEPS", defaultValue = "500",
            description = "Steps the recorded mean loss covers, ending at the checkpoint's (default: ${DEFAULT-VALUE}).")
    int lossWindowSteps;

    @Option(names = "--training-code", paramLabel = "VERSION",
            description = "Code version that trained the checkpoint, for checkpoints that do "
            + "not record it, e.g. '0.1.0-SNAPSHOT (git 3266806)' (see 'spinnoise --version' of that jar).")
    String trainingCode;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Weights file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Path loss = lossCsv != null ? lossCsv : checkpoint.toAbsolutePath().resolveSibling(TrainCommand.LOSS);
        Checkpoint exported = BuiltInModel.export(checkpoint, loss, lossWindowSteps, trainingCode,
                CodeVersion.describe());
        exported.write(out);
        console.printf(Locale.ROOT, "%s: EMA weights (%,d values) of %s%n  %s%n", out,
                exported.arrays().get(BuiltInModel.WEIGHTS).length, checkpoint, BuiltInModel.provenance(exported.header()));
        boolean shipped = out.toAbsolutePath().normalize().toString().endsWith("src/main/resources" + BuiltInModel.RESOURCE);
        console.printf(Locale.ROOT, "%,d bytes; %s%n", Files.size(out), shipped ? "rebuild the jar to ship them"
                : "to ship them: cp " + out + " src/main/resources" + BuiltInModel.RESOURCE + " and rebuild");
        return 0;
    }
}

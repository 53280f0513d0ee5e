package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.quality.ClassifierTraining;
import org.spinnoise.diffusion.quality.FmnistClassifier;
import org.spinnoise.diffusion.quality.MlpClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise classifier train}: trains the FID-FMNIST classifier on the Fashion-MNIST training set, reports its
 * test accuracy and writes its weights with the command and seed that produced them. The built-in weights in the jar
 * were made by this command with its defaults.
 */
@Command(name = "train", description = "Train the classifier on Fashion-MNIST and save its weights.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise classifier train --out my.ckpt",
                "  spinnoise classifier train --out my.ckpt --steps 500 --batch 64 --seed 2"})
final class ClassifierTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Weights file to write.")
    Path out;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "2000",
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @OptionRange(min = 1)
    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @OptionRange(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        LabelledImages train = FashionMnist.load(data, FashionMnist.Split.TRAIN);
        LabelledImages test = FashionMnist.load(data, FashionMnist.Split.TEST);
        MlpClassifier net = new MlpClassifier(FmnistClassifier.SIZES);
        console.printf("training classifier %s (%,d weights) on %,d images: %,d steps of %d, seed %d%n",
                java.util.Arrays.toString(FmnistClassifier.SIZES), net.parameterCount(), train.count(), steps, batch, seed);
        double[] lastLoss = {Double.NaN};
        long every = Math.max(1, steps / 10);
        float[] params = ClassifierTraining.train(net, train, new ClassifierTraining.Config(seed, batch, learningRate, steps),
                (step, total, loss) -> {
                    lastLoss[0] = loss;
                    if (step % every == 0 || step == total) {
                        console.printf("  step %,d/%,d  loss %.4f%n", step, total, loss);
                        console.flush();
                    }
                });
        double accuracy = ClassifierTraining.accuracy(net, params, test, 500);
        String command = String.format("spinnoise classifier train --steps %d --batch %d --lr %s --seed %d", steps, batch,
                learningRate, seed);
        new FmnistClassifier(net, params, accuracy, command).save(out, command, seed, steps, lastLoss[0]);
        console.printf("test accuracy %.4f on %,d images; weights written to %s%n", accuracy, test.count(), out);
        return 0;
    }
}

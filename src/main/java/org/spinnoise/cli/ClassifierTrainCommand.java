package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.nn.ConvClassifierNetwork;
import org.spinnoise.diffusion.quality.ClassifierArchitecture;
import org.spinnoise.diffusion.quality.ClassifierTraining;
import org.spinnoise.diffusion.quality.CnnClassifier;
import org.spinnoise.diffusion.quality.CnnTraining;
import org.spinnoise.diffusion.quality.FmnistClassifier;
import org.spinnoise.diffusion.quality.MlpClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise classifier train}: trains the Fashion-MNIST classifier whose features the image metrics use (the
 * CNN by default, or the earlier perceptron) on the training set, reports its test accuracy and writes its weights
 * with the command and seed that produced them. The built-in weights in the jar were made by this command with its
 * defaults for each architecture.
 */
@Command(name = "train", description = "Train the classifier on Fashion-MNIST and save its weights.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise classifier train --out my.ckpt",
                "  spinnoise classifier train --arch mlp --out my-mlp.ckpt --steps 500 --batch 64 --seed 2"})
final class ClassifierTrainCommand implements Callable<Integer> {
    /** Default minibatch of each architecture: the CNN's step costs ~20× the perceptron's per image. */
    private static final int CNN_BATCH = 64;
    private static final int MLP_BATCH = 128;
    /** Default learning rates: the CNN reached 0.9075 at 0.002 and 0.8997 at 0.001 (seed 1, same steps). */
    private static final double CNN_RATE = 0.002;
    private static final double MLP_RATE = 0.001;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Classifier to train: cnn (3 convolutions, 128 features) or mlp (784-256-128-10 perceptron) "
                    + "(default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Weights file to write.")
    Path out;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "2000",
            description = "Adam steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @OptionRange(min = 1)
    @Option(names = "--batch", paramLabel = "N",
            description = "Images per step (default: " + CNN_BATCH + " for cnn, " + MLP_BATCH + " for mlp).")
    Integer batch;

    @OptionRange(min = 0, minExclusive = true, max = 1)
    @Option(names = "--lr", paramLabel = "RATE",
            description = "Adam learning rate; the CNN's falls along a half cosine to a tenth of it (default: "
                    + CNN_RATE + " for cnn, " + MLP_RATE + " for mlp).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the initial weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        ClassifierArchitecture arch;
        try {
            arch = ClassifierArchitecture.parse(architecture);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
        int batchSize = batch != null ? batch : arch == ClassifierArchitecture.CNN ? CNN_BATCH : MLP_BATCH;
        PrintWriter console = spec.commandLine().getOut();
        LabelledImages train = FashionMnist.load(data, FashionMnist.Split.TRAIN);
        LabelledImages test = FashionMnist.load(data, FashionMnist.Split.TEST);
        double rate = learningRate != null ? learningRate : arch == ClassifierArchitecture.CNN ? CNN_RATE : MLP_RATE;
        ClassifierTraining.Config config = new ClassifierTraining.Config(seed, batchSize, rate, steps);
        String command = String.format(Locale.ROOT, "spinnoise classifier train --arch %s --steps %d --batch %d --lr %s "
                + "--seed %d", arch.label(), steps, batchSize, rate, seed);
        double[] lastLoss = {Double.NaN};
        long every = Math.max(1, steps / 10);
        ClassifierTraining.Progress progress = (step, total, loss) -> {
            lastLoss[0] = loss;
            if (step % every == 0 || step == total) {
                console.printf("  step %,d/%,d  loss %.4f%n", step, total, loss);
                console.flush();
            }
        };
        long startNanos = System.nanoTime();
        double accuracy;
        if (arch == ClassifierArchitecture.CNN) {
            ConvClassifierNetwork net = CnnClassifier.standardNetwork();
            int threads = Runtime.getRuntime().availableProcessors();
            console.printf("training CNN classifier %s (%,d weights) on %,d images: %,d steps of %d, seed %d, "
                    + "%d threads%n", net.describe(), net.parameterCount(), train.count(), steps, batchSize, seed,
                    Math.min(threads, 2));
            float[] params = CnnTraining.train(net, train, config, threads, progress);
            CnnClassifier trained = new CnnClassifier(net, params, Double.NaN, command);
            accuracy = trained.accuracyOn(test);
            new CnnClassifier(net, params, accuracy, command).save(out, command, seed, steps, lastLoss[0]);
        } else {
            MlpClassifier net = new MlpClassifier(FmnistClassifier.SIZES);
            console.printf("training MLP classifier %s (%,d weights) on %,d images: %,d steps of %d, seed %d%n",
                    Arrays.toString(FmnistClassifier.SIZES), net.parameterCount(), train.count(), steps, batchSize,
                    seed);
            float[] params = ClassifierTraining.train(net, train, config, progress);
            accuracy = ClassifierTraining.accuracy(net, params, test, 500);
            new FmnistClassifier(net, params, accuracy, command).save(out, command, seed, steps, lastLoss[0]);
        }
        console.printf(Locale.ROOT, "test accuracy %.4f on %,d images after %.0f s; weights written to %s%n", accuracy,
                test.count(), (System.nanoTime() - startNanos) / 1e9, out);
        return 0;
    }
}

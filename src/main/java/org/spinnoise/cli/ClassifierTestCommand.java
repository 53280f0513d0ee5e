package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.quality.ClassifierArchitecture;
import org.spinnoise.diffusion.quality.TrainedClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise classifier test}: the accuracy of a built-in classifier (CNN by default, or the perceptron) or of a
 * weights file on the Fashion-MNIST test set.
 */
@Command(name = "test", description = "Measure the classifier's accuracy on the Fashion-MNIST test set.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise classifier test",
                "  spinnoise classifier test --arch mlp",
                "  spinnoise classifier test --weights my.ckpt"})
final class ClassifierTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "cnn",
            description = "Built-in classifier to test: cnn or mlp; ignored with --weights, whose file says which "
                    + "(default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights written by 'classifier train' (default: the built-in ones).")
    Path weights;

    @Override
    public Integer call() throws Exception {
        ClassifierArchitecture arch;
        try {
            arch = ClassifierArchitecture.parse(architecture);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
        PrintWriter console = spec.commandLine().getOut();
        TrainedClassifier classifier = weights == null ? arch.builtIn() : ClassifierArchitecture.read(weights);
        LabelledImages test = FashionMnist.load(data, FashionMnist.Split.TEST);
        double accuracy = classifier.accuracyOn(test);
        console.printf("%s classifier %s: test accuracy %.4f on %,d images (recorded when trained: %.4f)%n",
                classifier.architecture(), classifier.provenance(), accuracy, test.count(), classifier.testAccuracy());
        return 0;
    }
}

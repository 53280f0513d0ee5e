package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise classifier …}: the Fashion-MNIST classifiers (CNN, perceptron) whose features the image metrics use. */
@Command(name = "classifier",
        description = "Train or test the Fashion-MNIST classifiers (cnn, the default, and mlp) whose features the "
                + "image metrics use.",
        subcommands = {ClassifierTrainCommand.class, ClassifierTestCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise classifier test",
                "  spinnoise classifier test --arch mlp",
                "  spinnoise classifier train --out my.ckpt --steps 500"})
final class ClassifierCommand {
}

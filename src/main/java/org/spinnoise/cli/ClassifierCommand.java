package org.spinnoise.cli;

import picocli.CommandLine.Command;

/** {@code spinnoise classifier …}: the Fashion-MNIST classifier whose features FID-FMNIST is measured in. */
@Command(name = "classifier", description = "Train or test the Fashion-MNIST classifier behind FID-FMNIST.",
        subcommands = {ClassifierTrainCommand.class, ClassifierTestCommand.class})
final class ClassifierCommand {
}

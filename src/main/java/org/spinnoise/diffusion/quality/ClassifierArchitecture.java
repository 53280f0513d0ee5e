package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.spinnoise.diffusion.train.Checkpoint;

/**
 * The kinds of Fashion-MNIST classifier whose features the image metrics can use: {@link #CNN}, the default, and
 * {@link #MLP}, the earlier perceptron, kept so that results measured in its features can be repeated. Each names
 * its built-in weights; {@link #read(Path)} tells the kind of a weights file from its header.
 */
public enum ClassifierArchitecture {
    CNN,
    MLP;

    /** The default feature space. */
    public static final ClassifierArchitecture DEFAULT = CNN;

    /** The lower-case name users type: "cnn" or "mlp". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "cnn, mlp". */
    public static String labels() {
        return Arrays.stream(values()).map(ClassifierArchitecture::label).collect(Collectors.joining(", "));
    }

    /**
     * The architecture called {@code label} (either case).
     *
     * @throws IllegalArgumentException naming the known ones
     */
    public static ClassifierArchitecture parse(String label) {
        for (ClassifierArchitecture a : values()) {
            if (a.label().equalsIgnoreCase(label.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("'" + label + "' is not a classifier architecture; use one of " + labels());
    }

    /** This architecture's weights shipped in the jar. */
    public TrainedClassifier builtIn() throws IOException {
        return this == CNN ? CnnClassifier.builtIn() : FmnistClassifier.builtIn();
    }

    /** A weights file written by {@code classifier train} for either architecture; its header says which. */
    public static TrainedClassifier read(Path file) throws IOException {
        Checkpoint cp = Checkpoint.read(file);
        return CnnClassifier.holds(cp) ? CnnClassifier.from(cp, file.toString()) : FmnistClassifier.from(cp,
                file.toString());
    }
}

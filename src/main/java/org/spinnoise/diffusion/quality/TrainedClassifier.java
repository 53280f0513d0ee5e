package org.spinnoise.diffusion.quality;

import org.spinnoise.diffusion.data.LabelledImages;

/**
 * A Fashion-MNIST classifier with trained weights, seen as what the image metrics need from it: its feature space,
 * the test accuracy recorded when it was trained and who made it. The {@link ClassifierArchitecture} selects one.
 */
public interface TrainedClassifier {

    /** "cnn" or "mlp". */
    String architecture();

    /** A feature extractor over the classifier's penultimate layer, for one thread. */
    FeatureExtractor features();

    /** The test-set accuracy recorded with the weights. */
    double testAccuracy();

    /** Who made these weights: command, seed and steps. */
    String provenance();

    /** The fraction of {@code data} classified correctly now. */
    double accuracyOn(LabelledImages data);
}

package org.spinnoise.diffusion.quality;

import org.spinnoise.diffusion.ImageShape;

/**
 * Maps images to feature vectors in which a Fréchet distance is measured: for FID-FMNIST, the penultimate layer of a
 * Fashion-MNIST classifier trained by the project. Used by one thread at a time.
 */
public interface FeatureExtractor {

    /** What the features are, recorded with every evaluation (e.g. the classifier and its test accuracy). */
    String description();

    /** The shape of the images it takes. */
    ImageShape shape();

    /** Values in one feature vector. */
    int featureCount();

    /**
     * Writes the features of {@code batch} images (NCHW, values −1 … 1) into {@code out}, {@code featureCount()}
     * values per image.
     */
    void extract(float[] images, int batch, float[] out);
}

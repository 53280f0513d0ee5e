package org.spinnoise.diffusion.quality;

import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.progress.Progress;

/**
 * What every source of an evaluation is measured against, from one pass of feature extraction over the reference
 * images: the {@link ReferenceKernel} of KID and the {@link GaussianFit} of FID.
 */
public record EvaluationReference(ReferenceKernel kernel, GaussianFit fit, int images) {

    /** The reference of {@code count} feature vectors of {@code dims} values, stored one after another. */
    public static EvaluationReference of(float[] features, int count, int dims) {
        return new EvaluationReference(ReferenceKernel.of(features, count, dims), GaussianFit.of(features, count, dims),
                count);
    }

    /** The reference of the first {@code limit} images of a data set, their features extracted once. */
    public static EvaluationReference ofDataSet(FeatureExtractor extractor, LabelledImages images, int limit,
                                                int batchSize, Progress progress) {
        FeatureFits fits = FeatureFits.featuresOf(extractor, images, limit, batchSize, progress);
        return of(fits.features(), fits.count(), extractor.featureCount());
    }
}

package org.spinnoise.diffusion.quality;

import java.util.Arrays;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.progress.Progress;

/**
 * Gathers the features of images batch by batch and fits a Gaussian to them, so only the features, never all the
 * images, are held at once.
 */
public final class FeatureFits {
    private final FeatureExtractor extractor;
    private float[] features;
    private float[] scratch = new float[0];
    private int count;

    public FeatureFits(FeatureExtractor extractor) {
        this.extractor = extractor;
        this.features = new float[1024 * extractor.featureCount()];
    }

    /** Adds the features of {@code batch} images (NCHW, values −1 … 1). */
    public void add(float[] images, int batch) {
        int f = extractor.featureCount();
        if (scratch.length < batch * f) {
            scratch = new float[batch * f];
        }
        extractor.extract(images, batch, scratch);
        long needed = (long) (count + batch) * f;
        if (needed > features.length) {
            features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * features.length)));
        }
        System.arraycopy(scratch, 0, features, count * f, batch * f);
        count += batch;
    }

    /** Images added so far. */
    public int count() {
        return count;
    }

    /** The features added so far, {@code count() × featureCount()} values (a copy). */
    public float[] features() {
        return Arrays.copyOf(features, count * extractor.featureCount());
    }

    public GaussianFit fit() {
        return GaussianFit.of(features, count, extractor.featureCount());
    }

    /** The fit of the first {@code limit} images of a labelled set (all of them when it has fewer). */
    public static GaussianFit ofDataSet(FeatureExtractor extractor, LabelledImages images, int limit, int batchSize) {
        return ofDataSet(extractor, images, limit, batchSize, Progress.NONE);
    }

    /** As above, reporting the images done to {@code progress} ("reference features"). */
    public static GaussianFit ofDataSet(FeatureExtractor extractor, LabelledImages images, int limit, int batchSize,
                                        Progress progress) {
        return featuresOf(extractor, images, limit, batchSize, progress).fit();
    }

    /** The features of the first {@code limit} images of a labelled set, reporting to {@code progress}. */
    public static FeatureFits featuresOf(FeatureExtractor extractor, LabelledImages images, int limit, int batchSize,
                                         Progress progress) {
        if (!extractor.shape().equals(images.shape())) {
            throw new IllegalArgumentException("the feature extractor takes " + extractor.shape() + " images, the data set has "
                    + images.shape());
        }
        int n = Math.min(limit, images.count());
        int values = images.shape().values();
        FeatureFits fits = new FeatureFits(extractor);
        float[] batch = new float[images.shape().values(batchSize)];
        progress.begin("reference features", n, "image");
        try {
            for (int start = 0; start < n; start += batchSize) {
                int size = Math.min(batchSize, n - start);
                for (int b = 0; b < size; b++) {
                    images.copyScaled(start + b, batch, b * values);
                }
                fits.add(batch, size);
                progress.advance(start + size);
            }
            return fits;
        } finally {
            progress.end();
        }
    }
}

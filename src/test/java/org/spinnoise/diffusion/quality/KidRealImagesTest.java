package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.testing.FashionMnistData;

/**
 * KID on real images in the built-in classifier's features: two disjoint sets of Fashion-MNIST test images are the
 * same distribution, so their KID is about 0 and inside its bootstrap interval; a set skewed towards half of the
 * classes is not, and its interval lies clear of 0.
 */
class KidRealImagesTest {

    @Test
    void disjointTestImagesScoreZeroWithinTheIntervalAndClassSkewedOnesDoNot() throws IOException {
        FashionMnistData.assumeInstalled();
        FeatureExtractor extractor = FmnistClassifier.builtIn().features();
        LabelledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        int dims = extractor.featureCount();
        int referenceCount = 3000;
        int m = 1000;
        ReferenceKernel reference = ReferenceKernel.of(features(extractor, test, 0, referenceCount), referenceCount,
                dims);
        SourceKernel same = new SourceKernel(reference, m);
        same.add(features(extractor, test, referenceCount, m), m);
        double[] boot = same.bootstrap(200, 1, 0);
        double kid = same.kid();
        double low = SourceKernel.quantile(boot, 0.025);
        double high = SourceKernel.quantile(boot, 0.975);
        assertTrue(low <= 0 && 0 <= high, "KID " + kid + " of disjoint test images, interval [" + low + ", " + high
                + "] should hold 0");
        assertTrue(Math.abs(kid) < high - low, "KID " + kid + " is not about 0 beside its interval's width "
                + (high - low));

        // Images of classes 0-4 only, from the same part of the test set: another distribution.
        float[] skewed = new float[m * dims];
        float[] one = new float[784];
        float[] feature = new float[dims];
        int found = 0;
        for (int i = referenceCount; found < m && i < test.count(); i++) {
            if (test.label(i) < 5) {
                test.copyScaled(i, one, 0);
                extractor.extract(one, 1, feature);
                System.arraycopy(feature, 0, skewed, found++ * dims, dims);
            }
        }
        assumeTrue(found == m, "the test set has fewer than " + m + " images of classes 0-4 after the reference");
        SourceKernel other = new SourceKernel(reference, m);
        other.add(skewed, m);
        double[] otherBoot = other.bootstrap(200, 1, 1);
        double otherLow = SourceKernel.quantile(otherBoot, 0.025);
        assertTrue(otherLow > high, "class-skewed images' interval starts at " + otherLow + ", above the same "
                + "distribution's end " + high);
    }

    private static float[] features(FeatureExtractor extractor, LabelledImages images, int from, int count) {
        float[] pixels = new float[count * 784];
        for (int i = 0; i < count; i++) {
            images.copyScaled(from + i, pixels, i * 784);
        }
        float[] out = new float[count * extractor.featureCount()];
        extractor.extract(pixels, count, out);
        return out;
    }
}

package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.train.CheckpointException;
import org.spinnoise.testing.FashionMnistData;

/** The built-in FID-FMNIST classifier: its provenance, its accuracy, and a feature space that sees differences. */
class FmnistClassifierTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInWeightsSayWhatMadeThemAndSurviveASaveAndRead() throws IOException {
        FmnistClassifier builtIn = FmnistClassifier.builtIn();
        assertTrue(builtIn.provenance().contains("spinnoise classifier train"), builtIn.provenance());
        assertTrue(builtIn.testAccuracy() > 0.85, "recorded accuracy " + builtIn.testAccuracy());
        assertEquals(128, builtIn.features().featureCount());
        assertEquals(FashionMnist.SHAPE, builtIn.features().shape());
        Path copy = dir.resolve("c.ckpt");
        builtIn.save(copy, "copy", 1, 2000, 0.3);
        FmnistClassifier read = FmnistClassifier.read(copy);
        assertEquals(builtIn.testAccuracy(), read.testAccuracy());
        float[] x = new float[784];
        new SplittableRandom(1).doubles(784, -1, 1).forEach(new java.util.function.DoubleConsumer() {
            int i;

            @Override
            public void accept(double v) {
                x[i++] = (float) v;
            }
        });
        assertEquals(builtIn.classify(x, 1)[0], read.classify(x, 1)[0]);
    }

    @Test
    void aCheckpointOfSomethingElseIsNotTakenForAClassifier() throws IOException {
        Path other = dir.resolve("other.ckpt");
        org.spinnoise.diffusion.train.Checkpoint.of("x", 1, 1, 0, "s", java.util.Map.of(), java.util.Map.of("parameters", new float[3]))
                .write(other);
        CheckpointException e = assertThrows(CheckpointException.class, () -> FmnistClassifier.read(other));
        assertTrue(e.getMessage().contains("not a classifier checkpoint"), e.getMessage());
    }

    @Test
    void onTheTestSetItReproducesItsRecordedAccuracy() throws IOException {
        FashionMnistData.assumeInstalled();
        FmnistClassifier classifier = FmnistClassifier.builtIn();
        LabelledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        assertEquals(classifier.testAccuracy(), classifier.accuracyOn(test), 1e-12);
    }

    @Test
    void itsFeatureSpaceSeparatesRealImagesFromNoisyDimmedOrClassSkewedOnes() throws IOException {
        FashionMnistData.assumeInstalled();
        FeatureExtractor features = FmnistClassifier.builtIn().features();
        LabelledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        // Reference: the first half of the test set; the sets compared with it come from the second half.
        GaussianFit reference = FeatureFits.ofDataSet(features, test, 5000, 500);
        int n = 1500;
        float[] clean = new float[n * 784];
        float[] noisy = new float[n * 784];
        float[] dimmed = new float[n * 784];
        float[] footwear = new float[n * 784];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            test.copyScaled(5000 + i, clean, i * 784);
            for (int p = i * 784; p < (i + 1) * 784; p++) {
                noisy[p] = clean[p] + (float) (0.5 * random.nextGaussian());
                dimmed[p] = (clean[p] + 1) * 0.8f - 1;
            }
        }
        int shoes = 0;
        for (int i = 5000; shoes < n; i++) {
            int label = test.label(i);
            if (label == 5 || label == 7 || label == 9) {
                test.copyScaled(i, footwear, shoes++ * 784);
            }
        }
        double real = distance(features, clean, n, reference);
        assertTrue(distance(features, noisy, n, reference) > 2 * real, "real " + real);
        assertTrue(distance(features, dimmed, n, reference) > 5 * real, "real " + real);
        assertTrue(distance(features, footwear, n, reference) > 20 * real, "real " + real);
    }

    private static double distance(FeatureExtractor features, float[] images, int n, GaussianFit reference) {
        FeatureFits fits = new FeatureFits(features);
        for (int start = 0; start < n; start += 500) {
            int size = Math.min(500, n - start);
            float[] batch = java.util.Arrays.copyOfRange(images, start * 784, (start + size) * 784);
            fits.add(batch, size);
        }
        return FrechetDistance.squared(fits.fit(), reference);
    }
}

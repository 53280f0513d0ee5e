package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.nn.ConvClassifierNetwork;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.diffusion.train.CheckpointException;
import org.spinnoise.testing.FashionMnistData;

/** The CNN behind the image metrics: its built-in weights, its feature extractor and its training. */
class CnnClassifierTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInWeightsSayWhatMadeThemAndSurviveASaveAndRead() throws IOException {
        CnnClassifier builtIn = CnnClassifier.builtIn();
        assertTrue(builtIn.provenance().contains("spinnoise classifier train --arch cnn"), builtIn.provenance());
        assertTrue(builtIn.testAccuracy() >= 0.90, "recorded accuracy " + builtIn.testAccuracy());
        assertEquals(128, builtIn.features().featureCount());
        assertEquals(FashionMnist.SHAPE, builtIn.features().shape());
        assertTrue(Files.size(Path.of("src/main/resources/org/spinnoise/diffusion/quality", CnnClassifier.RESOURCE))
                < 2_000_000, "the shipped weights stay under 2 MB");
        Path copy = dir.resolve("c.ckpt");
        builtIn.save(copy, "copy", 1, 2000, 0.3);
        TrainedClassifier read = ClassifierArchitecture.read(copy);
        assertInstanceOf(CnnClassifier.class, read);
        assertEquals(builtIn.testAccuracy(), read.testAccuracy());
        float[] images = noiseImages(3, 4);
        assertArrayEquals(builtIn.classify(images, 3), ((CnnClassifier) read).classify(images, 3));
        assertEquals("mlp", ClassifierArchitecture.MLP.builtIn().architecture());
        assertEquals(ClassifierArchitecture.CNN, ClassifierArchitecture.parse("CNN"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ClassifierArchitecture.parse("resnet"));
        assertTrue(wrong.getMessage().contains("cnn, mlp"), wrong.getMessage());
    }

    @Test
    void aCheckpointOfSomethingElseIsNotTakenForAClassifier() throws IOException {
        Path other = dir.resolve("other.ckpt");
        Checkpoint.of("x", 1, 1, 0, "s", Map.of(), Map.of("parameters", new float[3])).write(other);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CnnClassifier.read(other));
        assertTrue(e.getMessage().contains("not a CNN classifier checkpoint"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> ClassifierArchitecture.read(other));
        assertTrue(e.getMessage().contains("not a classifier checkpoint"), e.getMessage());
    }

    @Test
    void anImagesFeaturesAreTheSameAloneAndInsideABatchOf37() throws IOException {
        FeatureExtractor features = CnnClassifier.builtIn().features();
        int n = 37;
        float[] images = noiseImages(n, 8);
        float[] all = new float[n * 128];
        features.extract(images, n, all);
        float[] one = new float[128];
        for (int i : new int[] {0, 31, 32, 36}) {
            features.extract(Arrays.copyOfRange(images, i * 784, (i + 1) * 784), 1, one);
            float[] inBatch = Arrays.copyOfRange(all, i * 128, (i + 1) * 128);
            for (int f = 0; f < 128; f++) {
                assertEquals(inBatch[f], one[f], 1e-5 * Math.max(1, Math.abs(inBatch[f])), "image " + i + " feature " + f);
            }
        }
        boolean someActive = false;
        for (float f : all) {
            assertTrue(f >= 0, "features are ReLU activations");
            someActive |= f > 0;
        }
        assertTrue(someActive);
        features.extract(images, 0, new float[0]);
    }

    @Test
    void onASliceOfTheTestSetItReachesItsRecordedAccuracyWithinBinomialError() throws IOException {
        FashionMnistData.assumeInstalled();
        CnnClassifier classifier = CnnClassifier.builtIn();
        LabelledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        int n = 1000;
        int first = 4000;
        LabelledImages slice = new LabelledImages(test.shape(), n,
                Arrays.copyOfRange(test.pixels(), first * 784, (first + n) * 784),
                Arrays.copyOfRange(test.labels(), first, first + n));
        double p = classifier.testAccuracy();
        double sigma = Math.sqrt(p * (1 - p) / n);
        double accuracy = classifier.accuracyOn(slice);
        assertEquals(p, accuracy, 4 * sigma, "accuracy on test images " + first + "…" + (first + n - 1));
    }

    @Test
    void aShortTrainingRunLowersTheLossAndRepeatsForTheSameSeedOnAnyThreadCount() {
        ConvClassifierNetwork net = new ConvClassifierNetwork(new ImageShape(1, 4, 4), 4, 8, 16, 3);
        LabelledImages train = MlpClassifierTest.patterns(400, 1);
        LabelledImages test = MlpClassifierTest.patterns(300, 2);
        ClassifierTraining.Config config = new ClassifierTraining.Config(3, 32, 0.01, 150);
        double[] losses = new double[(int) config.steps() + 1];
        float[] twoThreads = CnnTraining.train(net, train, config, 2, (step, steps, loss) -> losses[(int) step] = loss);
        double early = Arrays.stream(losses, 1, 11).average().orElseThrow();
        double late = Arrays.stream(losses, 141, 151).average().orElseThrow();
        assertTrue(late < 0.5 * early, "loss over the first 10 steps " + early + ", the last 10 " + late);
        double untrained = CnnClassifier.accuracy(net, net.initialParameters(3), test);
        double trained = CnnClassifier.accuracy(net, twoThreads, test);
        assertTrue(trained > 0.9 && trained > untrained + 0.3, "accuracy " + untrained + " -> " + trained);
        assertArrayEquals(twoThreads, CnnTraining.train(net, train, config, 1, ClassifierTraining.Progress.SILENT));
        assertEquals(1.0, CnnTraining.learningRateFactor(1, 150), 1e-12);
        assertEquals(CnnTraining.FINAL_RATE_FRACTION, CnnTraining.learningRateFactor(150, 150), 1e-12);
    }

    /** {@code n} images of uniform noise in −1 … 1. */
    private static float[] noiseImages(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] images = new float[n * 784];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble(-1, 1);
        }
        return images;
    }
}

package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.data.LabelledImages;

class MlpClassifierTest {

    @Test
    void gradientMatchesFiniteDifferencesOfTheCrossEntropy() {
        MlpClassifier net = new MlpClassifier(6, 5, 4, 3);
        float[] params = net.initialParameters(4);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.05 * random.nextGaussian()); // non-zero biases too
        }
        int batch = 4;
        float[] x = new float[batch * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        byte[] labels = {0, 2, 1, 2};
        float[] gradient = new float[params.length];
        net.lossAndGradient(params, x, batch, labels, 0, gradient);
        float[] scratch = new float[params.length];
        double h = 1e-3;
        for (int p = 0; p < params.length; p++) {
            float saved = params[p];
            params[p] = (float) (saved + h);
            double up = net.lossAndGradient(params, x, batch, labels, 0, scratch);
            params[p] = (float) (saved - h);
            double down = net.lossAndGradient(params, x, batch, labels, 0, scratch);
            params[p] = saved;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, gradient[p], 2e-3 + 2e-2 * Math.abs(numeric), "parameter " + p);
        }
        assertEquals(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3, net.parameterCount());
        assertEquals(4, net.featureCount());
        assertThrows(IllegalArgumentException.class, () -> new MlpClassifier(4, 2));
    }

    /** Three classes of 4×4 images: a bright row, a bright column or a bright diagonal, with pixel noise. */
    static LabelledImages patterns(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[count * 16];
        byte[] labels = new byte[count];
        for (int n = 0; n < count; n++) {
            int label = random.nextInt(3);
            int where = random.nextInt(4);
            labels[n] = (byte) label;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean on = label == 0 ? r == where : label == 1 ? c == where : r == c;
                    pixels[n * 16 + r * 4 + c] = (byte) Math.max(0, Math.min(255, (on ? 200 : 40) + random.nextInt(-30, 30)));
                }
            }
        }
        return new LabelledImages(new ImageShape(1, 4, 4), count, pixels, labels);
    }

    @Test
    void trainingLearnsSeparablePatternsAndRepeatsForTheSameSeed() {
        MlpClassifier net = new MlpClassifier(16, 32, 16, 3);
        LabelledImages train = patterns(600, 1);
        LabelledImages test = patterns(300, 2);
        ClassifierTraining.Config config = new ClassifierTraining.Config(3, 32, 0.01, 300);
        float[] a = ClassifierTraining.train(net, train, config, ClassifierTraining.Progress.SILENT);
        float[] untrained = net.initialParameters(3);
        assertTrue(ClassifierTraining.accuracy(net, untrained, test, 64) < 0.8);
        double accuracy = ClassifierTraining.accuracy(net, a, test, 64);
        assertTrue(accuracy > 0.97, "accuracy " + accuracy);
        assertArrayEquals(a, ClassifierTraining.train(net, train, config, ClassifierTraining.Progress.SILENT));
        float[] features = new float[2 * 16];
        float[] x = new float[2 * 16];
        train.copyScaled(0, x, 0);
        train.copyScaled(1, x, 16);
        net.features(a, x, 2, features);
        for (float f : features) {
            assertTrue(f >= 0, "features are ReLU activations");
        }
    }
}

package org.spinnoise.diffusion.quality;

import java.util.SplittableRandom;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.train.Adam;

/**
 * Trains an {@link MlpClassifier} with Adam on minibatches drawn with replacement, step k's batch chosen by a
 * generator seeded from (seed, k) alone, so the same seed gives the same weights; and measures accuracy on a labelled
 * set. Images enter in the model range −1 … 1, as generated samples do.
 */
public final class ClassifierTraining {

    /** The settings that fix a classifier training run. */
    public record Config(long seed, int batchSize, double learningRate, long steps) {
        public Config {
            if (batchSize < 1 || !(learningRate > 0) || steps < 1) {
                throw new IllegalArgumentException("classifier training needs batch >= 1, learning rate > 0 and steps >= 1");
            }
        }
    }

    /** Told after every step. */
    @FunctionalInterface
    public interface Progress {
        Progress SILENT = (step, steps, loss) -> { };

        void stepDone(long step, long steps, double loss);
    }

    private ClassifierTraining() {
    }

    /** Trains from the network's seeded initial weights and returns the trained parameters. */
    public static float[] train(MlpClassifier net, LabelledImages data, Config config, Progress progress) {
        if (data.shape().values() != net.inputs()) {
            throw new IllegalArgumentException("the classifier takes " + net.inputs() + " inputs, the images have "
                    + data.shape().values() + " values");
        }
        float[] params = net.initialParameters(config.seed());
        float[] gradient = new float[params.length];
        Adam adam = Adam.withLearningRate(params.length, config.learningRate());
        int values = data.shape().values();
        float[] x = new float[config.batchSize() * values];
        byte[] labels = new byte[config.batchSize()];
        for (long step = 1; step <= config.steps(); step++) {
            SplittableRandom random = new SplittableRandom(mix(config.seed(), step));
            for (int b = 0; b < config.batchSize(); b++) {
                int index = random.nextInt(data.count());
                data.copyScaled(index, x, b * values);
                labels[b] = (byte) data.label(index);
            }
            double loss = net.lossAndGradient(params, x, config.batchSize(), labels, 0, gradient);
            adam.update(params, gradient);
            progress.stepDone(step, config.steps(), loss);
        }
        return params;
    }

    /** The fraction of {@code data} whose highest logit is its label. */
    public static double accuracy(MlpClassifier net, float[] params, LabelledImages data, int batchSize) {
        int values = data.shape().values();
        float[] x = new float[batchSize * values];
        float[] logits = new float[batchSize * net.classes()];
        long correct = 0;
        for (int start = 0; start < data.count(); start += batchSize) {
            int size = Math.min(batchSize, data.count() - start);
            for (int b = 0; b < size; b++) {
                data.copyScaled(start + b, x, b * values);
            }
            net.logits(params, x, size, logits);
            for (int b = 0; b < size; b++) {
                int best = 0;
                for (int c = 1; c < net.classes(); c++) {
                    if (logits[b * net.classes() + c] > logits[b * net.classes() + best]) {
                        best = c;
                    }
                }
                if (best == data.label(start + b)) {
                    correct++;
                }
            }
        }
        return (double) correct / data.count();
    }

    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

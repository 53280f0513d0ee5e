package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.nn.ConvClassifierNetwork;
import org.spinnoise.diffusion.nn.Kernels;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.diffusion.train.CheckpointException;

/**
 * The project's convolutional Fashion-MNIST classifier, the default feature space of the image metrics: a
 * {@link ConvClassifierNetwork} with trained weights and the test accuracy they reached, stored as a
 * {@link Checkpoint}. Its 128 feature-layer activations see strokes, edges and textures that the
 * {@link FmnistClassifier perceptron} cannot. The built-in weights ship in the jar with the command and seed that made them.
 */
public final class CnnClassifier implements TrainedClassifier {
    static final String RESOURCE = "fmnist-cnn.ckpt";
    static final String ARCHITECTURE_KEY = "classifier.arch";
    static final String SIZES_KEY = "classifier.cnn";
    static final String ACCURACY_KEY = "classifier.test_accuracy";
    /** Images per forward pass in {@link #features()} and {@link #accuracyOn}: big enough for long matrix rows, small enough for the cache. */
    static final int CHUNK_IMAGES = 32;

    private final ConvClassifierNetwork net;
    private final float[] params;
    private final double testAccuracy;
    private final String provenance;

    public CnnClassifier(ConvClassifierNetwork net, float[] params, double testAccuracy, String provenance) {
        if (params.length != net.parameterCount() || !net.image().equals(FashionMnist.SHAPE)) {
            throw new IllegalArgumentException("a Fashion-MNIST classifier takes " + FashionMnist.SHAPE
                    + " images and needs " + net.parameterCount() + " weights, got " + net.image() + " and "
                    + params.length);
        }
        this.net = net;
        this.params = params.clone();
        this.testAccuracy = testAccuracy;
        this.provenance = provenance;
    }

    /** The built-in architecture: 32 and 64 channels, 128 features, 10 classes. */
    public static ConvClassifierNetwork standardNetwork() {
        return new ConvClassifierNetwork(FashionMnist.SHAPE, 32, 64, 128, FashionMnist.CLASSES.size());
    }

    /** The weights shipped in the jar. */
    public static CnnClassifier builtIn() throws IOException {
        try (InputStream in = CnnClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CheckpointException("the built-in classifier " + RESOURCE + " is missing from the jar: rebuild "
                        + "it with 'spinnoise classifier train --arch cnn'");
            }
            return from(Checkpoint.parse(in.readAllBytes(), "built-in " + RESOURCE), "built-in " + RESOURCE);
        }
    }

    /** Weights saved by {@link #save}. */
    public static CnnClassifier read(Path file) throws IOException {
        return from(Checkpoint.read(file), file.toString());
    }

    /** True when the checkpoint holds this kind of classifier. */
    static boolean holds(Checkpoint cp) {
        return "cnn".equals(cp.header().settings().get(ARCHITECTURE_KEY));
    }

    static CnnClassifier from(Checkpoint cp, String source) throws CheckpointException {
        Map<String, String> s = cp.header().settings();
        String sizes = s.get(SIZES_KEY);
        String accuracy = s.get(ACCURACY_KEY);
        if (!holds(cp) || sizes == null || accuracy == null) {
            throw new CheckpointException(source + " is not a CNN classifier checkpoint (no " + ARCHITECTURE_KEY
                    + "=cnn, " + SIZES_KEY + " and " + ACCURACY_KEY + ")");
        }
        ConvClassifierNetwork net;
        try {
            net = ConvClassifierNetwork.parse(sizes);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + " has unusable CNN sizes '" + sizes + "'", e);
        }
        if (!net.image().equals(FashionMnist.SHAPE)) {
            throw new CheckpointException(source + " is a classifier of " + net.image() + " images, not Fashion-MNIST's "
                    + FashionMnist.SHAPE);
        }
        float[] weights = cp.array(FmnistClassifier.WEIGHTS, source);
        if (weights.length != net.parameterCount()) {
            throw new CheckpointException(source + " holds " + weights.length + " weights, sizes " + sizes + " need "
                    + net.parameterCount());
        }
        return new CnnClassifier(net, weights, Double.parseDouble(accuracy),
                "'" + cp.header().command() + "' seed " + cp.header().seed() + ", " + cp.header().step() + " steps");
    }

    /** Saves the weights with what produced them. */
    public void save(Path file, String command, long seed, long steps, double finalLoss) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ARCHITECTURE_KEY, "cnn");
        settings.put(SIZES_KEY, net.describe());
        settings.put(ACCURACY_KEY, Double.toString(testAccuracy));
        Checkpoint.of(command, seed, steps, finalLoss, "none (classifier)", settings,
                Map.of(FmnistClassifier.WEIGHTS, params)).write(file);
    }

    public ConvClassifierNetwork network() {
        return net;
    }

    @Override
    public String architecture() {
        return "cnn";
    }

    @Override
    public double testAccuracy() {
        return testAccuracy;
    }

    @Override
    public String provenance() {
        return provenance;
    }

    /**
     * The feature layer as image-metric features. The extractor keeps scratch buffers, so it belongs to one thread;
     * make one per thread. Any batch size is taken, run in chunks of {@value #CHUNK_IMAGES} images.
     */
    @Override
    public FeatureExtractor features() {
        Kernels kernels = Kernels.best();
        String description = String.format(Locale.ROOT, "image features: CNN %s feature layer, test accuracy %.4f",
                net.describe(), testAccuracy);
        int values = net.image().values();
        int featureCount = net.featureCount();
        return new FeatureExtractor() {
            private final float[] chunk = new float[CHUNK_IMAGES * values];
            private final float[] chunkFeatures = new float[CHUNK_IMAGES * featureCount];

            @Override
            public String description() {
                return description;
            }

            @Override
            public ImageShape shape() {
                return net.image();
            }

            @Override
            public int featureCount() {
                return featureCount;
            }

            @Override
            public void extract(float[] images, int batch, float[] out) {
                if (batch < 0 || images.length < (long) batch * values || out.length < (long) batch * featureCount) {
                    throw new IllegalArgumentException("features of " + batch + " images need " + (long) batch * values
                            + " values in and " + (long) batch * featureCount + " out, got " + images.length + " and "
                            + out.length);
                }
                for (int first = 0; first < batch; first += CHUNK_IMAGES) {
                    int count = Math.min(CHUNK_IMAGES, batch - first);
                    System.arraycopy(images, first * values, chunk, 0, count * values);
                    net.features(params, chunk, count, chunkFeatures, kernels);
                    System.arraycopy(chunkFeatures, 0, out, first * featureCount, count * featureCount);
                }
            }
        };
    }

    /** The class with the highest score for each of {@code batch} images. */
    public int[] classify(float[] images, int batch) {
        return classify(net, params, images, batch, Kernels.best());
    }

    private static int[] classify(ConvClassifierNetwork net, float[] params, float[] images, int batch,
                                  Kernels kernels) {
        int values = net.image().values();
        int[] out = new int[batch];
        float[] logits = new float[CHUNK_IMAGES * net.classes()];
        for (int first = 0; first < batch; first += CHUNK_IMAGES) {
            int count = Math.min(CHUNK_IMAGES, batch - first);
            float[] chunk = java.util.Arrays.copyOfRange(images, first * values, (first + count) * values);
            net.logits(params, chunk, count, logits, kernels);
            for (int b = 0; b < count; b++) {
                int best = 0;
                for (int c = 1; c < net.classes(); c++) {
                    if (logits[b * net.classes() + c] > logits[b * net.classes() + best]) {
                        best = c;
                    }
                }
                out[first + b] = best;
            }
        }
        return out;
    }

    @Override
    public double accuracyOn(LabelledImages data) {
        return accuracy(net, params, data);
    }

    /** The fraction of {@code data} whose highest score is its label, under {@code params}. */
    static double accuracy(ConvClassifierNetwork net, float[] params, LabelledImages data) {
        Kernels kernels = Kernels.best();
        int values = data.shape().values();
        int per = 500;
        float[] x = new float[per * values];
        long correct = 0;
        for (int start = 0; start < data.count(); start += per) {
            int size = Math.min(per, data.count() - start);
            for (int b = 0; b < size; b++) {
                data.copyScaled(start + b, x, b * values);
            }
            int[] predicted = classify(net, params, x, size, kernels);
            for (int b = 0; b < size; b++) {
                if (predicted[b] == data.label(start + b)) {
                    correct++;
                }
            }
        }
        return (double) correct / data.count();
    }
}

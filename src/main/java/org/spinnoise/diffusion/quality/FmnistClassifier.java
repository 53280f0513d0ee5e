package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.diffusion.train.CheckpointException;

/**
 * The project's first Fashion-MNIST classifier, whose last hidden layer was the feature space of FID-FMNIST before
 * the {@link CnnClassifier} (selectable as {@link ClassifierArchitecture#MLP}): an {@link MlpClassifier} with trained
 * weights and the test accuracy they reached, stored as a {@link Checkpoint}. The built-in weights ship inside the jar
 * with the command and seed that produced them.
 */
public final class FmnistClassifier implements TrainedClassifier {
    /** The built-in architecture: 784 inputs, hidden layers of 256 and 128 (the features), 10 classes. */
    public static final int[] SIZES = {784, 256, 128, 10};
    static final String RESOURCE = "fmnist-classifier.ckpt";
    static final String WEIGHTS = "parameters";

    private final MlpClassifier net;
    private final float[] params;
    private final double testAccuracy;
    private final String provenance;

    public FmnistClassifier(MlpClassifier net, float[] params, double testAccuracy, String provenance) {
        if (params.length != net.parameterCount() || net.inputs() != FashionMnist.SHAPE.values()) {
            throw new IllegalArgumentException("a Fashion-MNIST classifier needs " + FashionMnist.SHAPE.values()
                    + " inputs and " + net.parameterCount() + " weights");
        }
        this.net = net;
        this.params = params.clone();
        this.testAccuracy = testAccuracy;
        this.provenance = provenance;
    }

    /** The weights shipped in the jar. */
    public static FmnistClassifier builtIn() throws IOException {
        try (InputStream in = FmnistClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CheckpointException("the built-in classifier " + RESOURCE + " is missing from the jar: rebuild it "
                        + "with 'spinnoise classifier train'");
            }
            return from(Checkpoint.parse(in.readAllBytes(), "built-in " + RESOURCE), "built-in " + RESOURCE);
        }
    }

    /** Weights saved by {@link #save}. */
    public static FmnistClassifier read(Path file) throws IOException {
        return from(Checkpoint.read(file), file.toString());
    }

    static FmnistClassifier from(Checkpoint cp, String source) throws CheckpointException {
        Map<String, String> s = cp.header().settings();
        String sizes = s.get("classifier.sizes");
        String accuracy = s.get("classifier.test_accuracy");
        if (sizes == null || accuracy == null) {
            throw new CheckpointException(source + " is not a classifier checkpoint (no classifier.sizes / test_accuracy)");
        }
        MlpClassifier net;
        try {
            net = new MlpClassifier(Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source + " has unusable classifier sizes '" + sizes + "'", e);
        }
        float[] weights = cp.array(WEIGHTS, source);
        if (weights.length != net.parameterCount()) {
            throw new CheckpointException(source + " holds " + weights.length + " weights, sizes " + sizes + " need "
                    + net.parameterCount());
        }
        return new FmnistClassifier(net, weights, Double.parseDouble(accuracy),
                "'" + cp.header().command() + "' seed " + cp.header().seed() + ", " + cp.header().step() + " steps");
    }

    /** Saves the weights with what produced them. */
    public void save(Path file, String command, long seed, long steps, double finalLoss) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("classifier.sizes", Arrays.toString(net.sizes()).replaceAll("[\\[\\] ]", ""));
        settings.put("classifier.test_accuracy", Double.toString(testAccuracy));
        Checkpoint.of(command, seed, steps, finalLoss, "none (classifier)", settings, Map.of(WEIGHTS, params)).write(file);
    }

    public MlpClassifier network() {
        return net;
    }

    @Override
    public String architecture() {
        return "mlp";
    }

    @Override
    public double testAccuracy() {
        return testAccuracy;
    }

    @Override
    public String provenance() {
        return provenance;
    }

    /** The last hidden layer as FID-FMNIST features. */
    @Override
    public FeatureExtractor features() {
        String description = String.format(Locale.ROOT, "FID-FMNIST features: MLP %s last hidden layer, test accuracy %.4f",
                Arrays.toString(net.sizes()), testAccuracy);
        return new FeatureExtractor() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public ImageShape shape() {
                return FashionMnist.SHAPE;
            }

            @Override
            public int featureCount() {
                return net.featureCount();
            }

            @Override
            public void extract(float[] images, int batch, float[] out) {
                net.features(params, images, batch, out);
            }
        };
    }

    @Override
    public double accuracyOn(LabelledImages data) {
        return ClassifierTraining.accuracy(net, params, data, 500);
    }

    /** The class with the highest score for each of {@code batch} images. */
    public int[] classify(float[] images, int batch) {
        float[] logits = new float[batch * net.classes()];
        net.logits(params, images, batch, logits);
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) {
            for (int c = 1; c < net.classes(); c++) {
                if (logits[b * net.classes() + c] > logits[b * net.classes() + out[b]]) {
                    out[b] = c;
                }
            }
        }
        return out;
    }
}

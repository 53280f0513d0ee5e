package org.spinnoise.diffusion.nn;

import java.util.Locale;
import org.spinnoise.diffusion.ImageShape;

/**
 * A small convolutional image classifier, the feature extractor behind the project's Fashion-MNIST image metrics:
 * conv 3×3 (c1) → 2×2 max pool → ReLU, conv 3×3 (c2) → 2×2 max pool → ReLU, conv 3×3 stride 2 (c2) → ReLU, then a
 * dense layer of {@code features} with ReLU, whose activations are the feature vector, and a dense layer to the class
 * scores. No layer mixes images, so an image's features do not depend on the batch it is in. Like {@link UNet} it is
 * only architecture: the parameters are one flat array laid out by {@link #layout()} and passed to every call, so one
 * instance serves training threads and feature extraction at once.
 */
public final class ConvClassifierNetwork {

    /** Intermediates of one forward pass that backward needs. */
    private static final class Trace {
        Tensor input;
        Tensor pooled1;
        byte[] winners1;
        Tensor pooled2;
        byte[] winners2;
        Tensor conv3Out;
        /** conv3's ReLU output, one row per image. */
        float[] flat;
        float[] features;
    }

    private final ImageShape image;
    private final int channels1;
    private final int channels2;
    private final int featureCount;
    private final int classes;
    private final ParameterLayout layout = new ParameterLayout();
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Conv2d conv3;
    private final Linear dense;
    private final Linear output;
    private final int lastHeight;
    private final int lastWidth;

    /**
     * @param image     the images it takes; height and width must be multiples of 4 (two poolings)
     * @param channels1 channels of the first convolution
     * @param channels2 channels of the second and third
     * @param features  width of the feature layer
     * @param classes   number of classes
     */
    public ConvClassifierNetwork(ImageShape image, int channels1, int channels2, int features, int classes) {
        if (image.height() % 4 != 0 || image.width() % 4 != 0) {
            throw new IllegalArgumentException("the convolutional classifier pools twice by 2: image " + image
                    + " needs a height and width that are multiples of 4");
        }
        if (channels1 < 1 || channels2 < 1 || features < 1 || classes < 2) {
            throw new IllegalArgumentException("the convolutional classifier needs positive channel and feature counts "
                    + "and at least 2 classes, got " + channels1 + ", " + channels2 + ", " + features + ", " + classes);
        }
        this.image = image;
        this.channels1 = channels1;
        this.channels2 = channels2;
        this.featureCount = features;
        this.classes = classes;
        conv1 = new Conv2d(layout, "conv1", image.channels(), channels1, 3, 1);
        conv2 = new Conv2d(layout, "conv2", channels1, channels2, 3, 1);
        conv3 = new Conv2d(layout, "conv3", channels2, channels2, 3, 2);
        lastHeight = conv3.outSize(image.height() / 4);
        lastWidth = conv3.outSize(image.width() / 4);
        dense = new Linear(layout, "dense", channels2 * lastHeight * lastWidth, features);
        output = new Linear(layout, "output", features, classes);
    }

    public ImageShape image() {
        return image;
    }

    public int classes() {
        return classes;
    }

    /** Width of the feature layer. */
    public int featureCount() {
        return featureCount;
    }

    public int parameterCount() {
        return layout.size();
    }

    /** Names, shapes and offsets of every parameter in the flat array. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The sizes that rebuild this network: "image,c1,c2,features,classes", e.g. "1x28x28,32,64,128,10". */
    public String describe() {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%d", image, channels1, channels2, featureCount, classes);
    }

    /** The network {@link #describe()} wrote. */
    public static ConvClassifierNetwork parse(String sizes) {
        String[] parts = sizes.trim().split(",");
        String[] dims = parts[0].split("x");
        if (parts.length != 5 || dims.length != 3) {
            throw new IllegalArgumentException("'" + sizes + "' is not CxHxW,c1,c2,features,classes");
        }
        ImageShape image = new ImageShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]),
                Integer.parseInt(dims[2]));
        return new ConvClassifierNetwork(image, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]), Integer.parseInt(parts[4]));
    }

    /** Fresh weights: uniform in ±1/√fan-in for every weight and bias, from {@code seed}. */
    public float[] initialParameters(long seed) {
        return layout.initialValues(seed);
    }

    /** Multiply-accumulates of one image's forward pass (convolutions and dense layers). */
    public long macsPerImage() {
        int h = image.height();
        int w = image.width();
        return conv1.macsPerImage(h, w) + conv2.macsPerImage(h / 2, w / 2) + conv3.macsPerImage(h / 4, w / 4)
                + (long) dense.inFeatures * dense.outFeatures + (long) output.inFeatures * output.outFeatures;
    }

    /** Writes the feature vectors of {@code batch} NCHW images into {@code featuresOut}, {@link #featureCount()} each. */
    public void features(float[] params, float[] images, int batch, float[] featuresOut, Kernels kernels) {
        float[] features = forwardToFeatures(params, images, batch, kernels, null);
        System.arraycopy(features, 0, featuresOut, 0, features.length);
    }

    /** Writes the class scores (before softmax) of {@code batch} NCHW images into {@code logitsOut}. */
    public void logits(float[] params, float[] images, int batch, float[] logitsOut, Kernels kernels) {
        float[] features = forwardToFeatures(params, images, batch, kernels, null);
        float[] logits = output.forward(params, features, batch, kernels);
        System.arraycopy(logits, 0, logitsOut, 0, logits.length);
    }

    /**
     * Adds the gradient of {@code scale} × (the summed softmax cross-entropy of {@code batch} images) into
     * {@code gradients} and returns that sum, unscaled. Summed rather than averaged, so that the parts of one
     * minibatch can run on different threads into separate gradient arrays and be added up.
     *
     * @param labels class of image b at {@code labels[labelOffset + b]}
     */
    public double crossEntropyGradient(float[] params, float[] images, int batch, byte[] labels, int labelOffset,
                                       double scale, float[] gradients, Kernels kernels) {
        checkParameters(gradients);
        Trace trace = new Trace();
        float[] features = forwardToFeatures(params, images, batch, kernels, trace);
        float[] logits = output.forward(params, features, batch, kernels);
        float[] dLogits = new float[logits.length];
        double loss = SoftmaxCrossEntropy.sum(logits, batch, classes, labels, labelOffset, scale, 1, dLogits);
        backward(params, gradients, trace, dLogits, batch, kernels);
        return loss;
    }

    /** The mean cross-entropy of a batch, after overwriting {@code gradientOut} with its gradient. */
    public double lossAndGradient(float[] params, float[] images, int batch, byte[] labels, int labelOffset,
                                  float[] gradientOut, Kernels kernels) {
        java.util.Arrays.fill(gradientOut, 0f);
        return crossEntropyGradient(params, images, batch, labels, labelOffset, 1.0 / batch, gradientOut, kernels)
                / batch;
    }

    private float[] forwardToFeatures(float[] params, float[] images, int batch, Kernels kernels, Trace trace) {
        checkParameters(params);
        if (batch < 1 || images.length < image.values(batch)) {
            throw new IllegalArgumentException("a batch of " + batch + " images of " + image + " needs "
                    + (long) batch * image.values() + " values, got " + images.length);
        }
        Tensor x = channelMajor(images, batch);
        byte[] winners1 = trace == null ? null : new byte[channels1 * batch * image.height() * image.width() / 4];
        Tensor pooled1 = MaxPool2.forward(conv1.forward(params, x, kernels), winners1);
        Relu.forwardInPlace(pooled1.data());
        byte[] winners2 = trace == null ? null : new byte[channels2 * batch * image.height() * image.width() / 16];
        Tensor pooled2 = MaxPool2.forward(conv2.forward(params, pooled1, kernels), winners2);
        Relu.forwardInPlace(pooled2.data());
        Tensor conv3Out = conv3.forward(params, pooled2, kernels);
        Relu.forwardInPlace(conv3Out.data());
        float[] flat = flatten(conv3Out);
        float[] features = Relu.forwardInPlace(dense.forward(params, flat, batch, kernels));
        if (trace != null) {
            trace.input = x;
            trace.pooled1 = pooled1;
            trace.winners1 = winners1;
            trace.pooled2 = pooled2;
            trace.winners2 = winners2;
            trace.conv3Out = conv3Out;
            trace.flat = flat;
            trace.features = features;
        }
        return features;
    }

    private void backward(float[] params, float[] grads, Trace trace, float[] dLogits, int batch, Kernels kernels) {
        float[] dFeatures = output.backward(params, grads, trace.features, dLogits, batch, kernels, true);
        Relu.backwardInPlace(trace.features, dFeatures);
        float[] dFlat = dense.backward(params, grads, trace.flat, dFeatures, batch, kernels, true);
        Relu.backwardInPlace(trace.flat, dFlat); // the ReLU'd conv3 output in the same row layout as dFlat
        Tensor dConv3 = unflatten(dFlat, trace.conv3Out);
        Tensor dPooled2 = conv3.backward(params, grads, trace.pooled2, dConv3, kernels, true);
        Relu.backwardInPlace(trace.pooled2.data(), dPooled2.data());
        Tensor dConv2 = MaxPool2.backward(dPooled2, trace.winners2);
        Tensor dPooled1 = conv2.backward(params, grads, trace.pooled1, dConv2, kernels, true);
        Relu.backwardInPlace(trace.pooled1.data(), dPooled1.data());
        Tensor dConv1 = MaxPool2.backward(dPooled1, trace.winners1);
        conv1.backward(params, grads, trace.input, dConv1, kernels, false);
    }

    /** NCHW images as a channel-major tensor (a copy; for one channel the same order). */
    private Tensor channelMajor(float[] images, int batch) {
        int area = image.height() * image.width();
        int channels = image.channels();
        float[] data = new float[batch * image.values()];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(images, (n * channels + c) * area, data, (c * batch + n) * area, area);
            }
        }
        return new Tensor(data, channels, batch, image.height(), image.width());
    }

    /** One row per image of all its channels' values, as the dense layer takes them. */
    private static float[] flatten(Tensor t) {
        int area = t.height() * t.width();
        int batch = t.batch();
        int row = t.channels() * area;
        float[] rows = new float[batch * row];
        for (int c = 0; c < t.channels(); c++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(t.data(), (c * batch + n) * area, rows, n * row + c * area, area);
            }
        }
        return rows;
    }

    /** The inverse of {@link #flatten}, shaped like {@code like}. */
    private static Tensor unflatten(float[] rows, Tensor like) {
        Tensor t = like.zerosLike();
        int area = t.height() * t.width();
        int batch = t.batch();
        int row = t.channels() * area;
        for (int c = 0; c < t.channels(); c++) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(rows, n * row + c * area, t.data(), (c * batch + n) * area, area);
            }
        }
        return t;
    }

    private void checkParameters(float[] params) {
        if (params.length != layout.size()) {
            throw new IllegalArgumentException("this classifier has " + layout.size() + " parameters, got an array of "
                    + params.length);
        }
    }
}

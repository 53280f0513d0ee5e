package org.spinnoise.diffusion.quality;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spinnoise.diffusion.nn.SoftmaxCrossEntropy;

/**
 * A multilayer perceptron image classifier: dense layers with ReLU between them and softmax cross-entropy on the
 * last, over one flat parameter vector (per layer the weights, inputs × outputs row-major, then the biases). The
 * activations of the last hidden layer are the features the Fréchet distance is measured in. Stateless apart from its
 * sizes: parameters are passed in, so one instance serves training and evaluation. The products are plain loops with
 * the innermost loop over contiguous outputs, which the JIT vectorises.
 */
public final class MlpClassifier {
    private final int[] sizes;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    /** {@code sizes}: inputs, then each hidden width, then the number of classes (at least one hidden layer). */
    public MlpClassifier(int... sizes) {
        if (sizes.length < 3) {
            throw new IllegalArgumentException("a classifier needs inputs, at least one hidden layer and classes: "
                    + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.weightOffsets = new int[sizes.length - 1];
        this.biasOffsets = new int[sizes.length - 1];
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            if (sizes[l] < 1 || sizes[l + 1] < 1) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
            weightOffsets[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffsets[l] = offset;
            offset += sizes[l + 1];
        }
        this.parameterCount = offset;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int inputs() {
        return sizes[0];
    }

    public int classes() {
        return sizes[sizes.length - 1];
    }

    /** Width of the last hidden layer, the feature vector. */
    public int featureCount() {
        return sizes[sizes.length - 2];
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** He-initialised weights (normal, variance 2 / inputs) from {@code seed}, zero biases. */
    public float[] initialParameters(long seed) {
        float[] p = new float[parameterCount];
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l + 1 < sizes.length; l++) {
            double std = Math.sqrt(2.0 / sizes[l]);
            for (int i = weightOffsets[l]; i < biasOffsets[l]; i++) {
                p[i] = (float) (random.nextGaussian() * std);
            }
        }
        return p;
    }

    /** Every layer's output for one batch: index 0 is the input, the last the logits. */
    final class Activations {
        final float[][] layers = new float[sizes.length][];
        final int batch;

        Activations(int batch) {
            this.batch = batch;
        }
    }

    Activations forward(float[] params, float[] x, int batch) {
        Activations a = new Activations(batch);
        a.layers[0] = x;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] h = a.layers[l];
            float[] z = new float[batch * out];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(params, biasOffsets[l], z, b * out, out);
                for (int i = 0; i < in; i++) {
                    float hi = h[b * in + i];
                    if (hi == 0f) {
                        continue;
                    }
                    int w = weightOffsets[l] + i * out;
                    int zb = b * out;
                    for (int j = 0; j < out; j++) {
                        z[zb + j] += hi * params[w + j];
                    }
                }
            }
            if (l + 2 < sizes.length) {
                for (int k = 0; k < z.length; k++) {
                    z[k] = Math.max(0f, z[k]);
                }
            }
            a.layers[l + 1] = z;
        }
        return a;
    }

    /** Writes the class scores (before softmax) of {@code batch} inputs into {@code logitsOut}. */
    public void logits(float[] params, float[] x, int batch, float[] logitsOut) {
        float[] logits = forward(params, x, batch).layers[sizes.length - 1];
        System.arraycopy(logits, 0, logitsOut, 0, logits.length);
    }

    /** Writes the last hidden layer's activations of {@code batch} inputs into {@code featuresOut}. */
    public void features(float[] params, float[] x, int batch, float[] featuresOut) {
        float[] features = forward(params, x, batch).layers[sizes.length - 2];
        System.arraycopy(features, 0, featuresOut, 0, features.length);
    }

    /**
     * The mean softmax cross-entropy of a batch, after overwriting {@code gradientOut} with its gradient.
     *
     * @param labels the class of each input, 0 … classes − 1
     */
    public double lossAndGradient(float[] params, float[] x, int batch, byte[] labels, int labelOffset,
                                  float[] gradientOut) {
        Activations a = forward(params, x, batch);
        int last = sizes.length - 1;
        int classes = classes();
        float[] logits = a.layers[last];
        float[] dz = new float[batch * classes];
        double loss = SoftmaxCrossEntropy.sum(logits, batch, classes, labels, labelOffset, 1, batch, dz);
        Arrays.fill(gradientOut, 0f);
        for (int l = last - 1; l >= 0; l--) {
            dz = backwardLayer(params, l, a.layers[l], dz, batch, gradientOut);
        }
        return loss / batch;
    }

    /** Accumulates layer l's weight and bias gradients; returns the gradient at its input's pre-activation. */
    private float[] backwardLayer(float[] params, int l, float[] h, float[] dz, int batch, float[] grad) {
        int in = sizes[l];
        int out = sizes[l + 1];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) {
                grad[biasOffsets[l] + j] += dz[b * out + j];
            }
            for (int i = 0; i < in; i++) {
                float hi = h[b * in + i];
                if (hi == 0f) {
                    continue;
                }
                int w = weightOffsets[l] + i * out;
                int zb = b * out;
                for (int j = 0; j < out; j++) {
                    grad[w + j] += hi * dz[zb + j];
                }
            }
        }
        if (l == 0) {
            return null;
        }
        float[] dh = new float[batch * in];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < in; i++) {
                if (h[b * in + i] <= 0f) {
                    continue; // ReLU passes no gradient where it was off
                }
                int w = weightOffsets[l] + i * out;
                int zb = b * out;
                float sum = 0f;
                for (int j = 0; j < out; j++) {
                    sum += params[w + j] * dz[zb + j];
                }
                dh[b * in + i] = sum;
            }
        }
        return dh;
    }
}

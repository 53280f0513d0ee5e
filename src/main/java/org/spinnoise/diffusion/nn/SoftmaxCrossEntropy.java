package org.spinnoise.diffusion.nn;

/**
 * The softmax cross-entropy of a classifier's logits and its gradient at the logits, shared by the project's
 * Fashion-MNIST classifiers (the perceptron and the CNN). Computed in double with the largest logit subtracted, so
 * large logits neither overflow nor lose the small probabilities.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Returns the summed cross-entropy of {@code batch} rows of {@code classes} logits and writes its gradient,
     * {@code scale} × (softmax − one-hot) / {@code divisor}, into {@code dLogits} (the two factors kept apart so each
     * caller's rounding is what it was: a mean divides by the batch, a scaled sum multiplies).
     *
     * @param labels class of row b at {@code labels[labelOffset + b]}, 0 … classes − 1
     */
    public static double sum(float[] logits, int batch, int classes, byte[] labels, int labelOffset, double scale,
                             double divisor, float[] dLogits) {
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            int label = labels[labelOffset + b] & 0xff;
            if (label >= classes) {
                throw new IllegalArgumentException("label " + label + " of image " + b + " is not one of " + classes
                        + " classes");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[b * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[b * classes + c] - max);
            }
            loss += Math.log(sum) + max - logits[b * classes + label];
            for (int c = 0; c < classes; c++) {
                double softmax = Math.exp(logits[b * classes + c] - max) / sum;
                dLogits[b * classes + c] = (float) (scale * (softmax - (c == label ? 1 : 0)) / divisor);
            }
        }
        return loss;
    }
}

package org.spinnoise.diffusion.nn;

/**
 * The rectifier max(0, x), the activation of the Fashion-MNIST classifier (cheap and exactly zero below 0, which
 * gives the sparse features a classifier's penultimate layer usually has). Backward needs only the output: the
 * gradient passes where the output is positive.
 */
final class Relu {

    private Relu() {
    }

    /** max(0, x) in place; returns {@code x}. */
    static float[] forwardInPlace(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
        return x;
    }

    /** dL/dx from the layer's output y and dL/dy, written over {@code dy}; returns {@code dy}. */
    static float[] backwardInPlace(float[] y, float[] dy) {
        if (y.length != dy.length) {
            throw new IllegalArgumentException("ReLU output has " + y.length + " values, its gradient " + dy.length);
        }
        for (int i = 0; i < y.length; i++) {
            dy[i] = y[i] > 0f ? dy[i] : 0f;
        }
        return dy;
    }
}

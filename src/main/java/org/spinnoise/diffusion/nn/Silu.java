package org.spinnoise.diffusion.nn;

/**
 * The SiLU (swish) activation, x·σ(x), smooth everywhere, which keeps finite-difference gradient checks of the whole
 * network meaningful. Works on plain arrays so it serves both feature maps and time-embedding rows.
 */
final class Silu {

    private Silu() {
    }

    static float[] forward(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            y[i] = v / (1f + (float) Math.exp(-v));
        }
        return y;
    }

    static Tensor forward(Tensor x) {
        return new Tensor(forward(x.data()), x.channels(), x.batch(), x.height(), x.width());
    }

    /** dL/dx from the pre-activation x and dL/dy: dy·σ(x)·(1 + x·(1 − σ(x))). */
    static float[] backward(float[] x, float[] dy) {
        float[] dx = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            float s = 1f / (1f + (float) Math.exp(-v));
            dx[i] = dy[i] * s * (1f + v * (1f - s));
        }
        return dx;
    }

    static Tensor backward(Tensor x, Tensor dy) {
        return new Tensor(backward(x.data(), dy.data()), x.channels(), x.batch(), x.height(), x.width());
    }
}

package org.spinnoise.diffusion.nn;

/**
 * The SiLU (swish) activation, x·σ(x), smooth everywhere, which keeps finite-difference gradient checks of the whole
 * network meaningful. Works on plain arrays so it serves both feature maps and time-embedding rows; the arithmetic
 * is the {@link Pointwise} kernel's.
 */
final class Silu {

    private Silu() {
    }

    static float[] forward(float[] x, Kernels kernels) {
        float[] y = new float[x.length];
        kernels.pointwise().silu(x, y, x.length);
        return y;
    }

    static Tensor forward(Tensor x, Kernels kernels) {
        return new Tensor(forward(x.data(), kernels), x.channels(), x.batch(), x.height(), x.width());
    }

    /** dL/dx from the pre-activation x and dL/dy. */
    static float[] backward(float[] x, float[] dy, Kernels kernels) {
        float[] dx = new float[x.length];
        kernels.pointwise().siluBackward(x, dy, dx, x.length);
        return dx;
    }

    static Tensor backward(Tensor x, Tensor dy, Kernels kernels) {
        return new Tensor(backward(x.data(), dy.data(), kernels), x.channels(), x.batch(), x.height(), x.width());
    }
}

package org.spinnoise.diffusion.nn;

/**
 * Element-wise kernels of the network, the second hot spot after the matrix products: the SiLU activation, whose
 * exponential dominates a scalar loop, the sums of group normalisation, and the masked copies of im2col (which the
 * JIT does not vectorise by itself, as it cannot rule out that source and target overlap). {@link ScalarPointwise} is the
 * reference, {@code VectorPointwise} the Vector API version; {@link Kernels} pairs one with a {@link Gemm}.
 */
public interface Pointwise {

    /** y[i] = x[i]·σ(x[i]) for i in [0, n). */
    void silu(float[] x, float[] y, int n);

    /** dx[i] = dy[i]·σ(x[i])·(1 + x[i]·(1 − σ(x[i]))) for i in [0, n). */
    void siluBackward(float[] x, float[] dy, float[] dx, int n);

    /** Σ x[i] over [from, to). */
    double sum(float[] x, int from, int to);

    /** Σ (x[i] − mean)² over [from, to). */
    double sumSquaredDeviations(float[] x, int from, int to, float mean);

    /** Σ a[i]·(x[i] − mean) over [from, to). */
    double dotCentered(float[] a, float[] x, int from, int to, float mean);

    /** out[i] = a[i]·ca + b[i]·cb + c over [from, to). */
    void combine(float[] a, float[] b, float[] out, int from, int to, float ca, float cb, float c);

    /** y[i] = x[i]·scale + shift over [from, to). */
    void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift);

    /** y[i] = silu(x[i]·scale + shift) over [from, to): group normalisation and its activation in one pass. */
    void scaleShiftSilu(float[] x, float[] y, int from, int to, float scale, float shift);

    /** target[targetOffset + i] = source[sourceOffset + i]·mask[maskOffset + i] for i in [from, to) (im2col). */
    void maskedCopy(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target, int targetOffset,
                    int from, int to);

    /** target[targetOffset + i] += source[sourceOffset + i]·mask[maskOffset + i] for i in [from, to) (col2im). */
    void maskedAdd(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target, int targetOffset,
                    int from, int to);
}

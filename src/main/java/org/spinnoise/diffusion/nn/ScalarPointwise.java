package org.spinnoise.diffusion.nn;

/** The reference {@link Pointwise}: plain loops, sums accumulated in double, scale-and-shift fused like the vector version. */
final class ScalarPointwise implements Pointwise {

    @Override
    public void silu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            y[i] = v / (1f + (float) Math.exp(-v));
        }
    }

    @Override
    public void siluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            float s = 1f / (1f + (float) Math.exp(-v));
            dx[i] = dy[i] * s * (1f + v * (1f - s));
        }
    }

    @Override
    public double sum(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum;
    }

    @Override
    public double sumSquaredDeviations(float[] x, int from, int to, float mean) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = x[i] - mean;
            sum += d * d;
        }
        return sum;
    }

    @Override
    public double dotCentered(float[] a, float[] x, int from, int to, float mean) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += a[i] * (x[i] - mean);
        }
        return sum;
    }

    @Override
    public void combine(float[] a, float[] b, float[] out, int from, int to, float ca, float cb, float c) {
        for (int i = from; i < to; i++) {
            out[i] = Math.fma(a[i], ca, Math.fma(b[i], cb, c));
        }
    }

    @Override
    public void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift) {
        for (int i = from; i < to; i++) {
            y[i] = Math.fma(x[i], scale, shift);
        }
    }

    @Override
    public void scaleShiftSilu(float[] x, float[] y, int from, int to, float scale, float shift) {
        for (int i = from; i < to; i++) {
            float v = Math.fma(x[i], scale, shift);
            y[i] = v / (1f + (float) Math.exp(-v));
        }
    }

    @Override
    public void maskedCopy(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target,
                           int targetOffset, int from, int to) {
        for (int i = from; i < to; i++) {
            target[targetOffset + i] = source[sourceOffset + i] * mask[maskOffset + i];
        }
    }

    @Override
    public void maskedAdd(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target,
                          int targetOffset, int from, int to) {
        for (int i = from; i < to; i++) {
            target[targetOffset + i] += source[sourceOffset + i] * mask[maskOffset + i];
        }
    }
}

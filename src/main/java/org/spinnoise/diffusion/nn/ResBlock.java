package org.spinnoise.diffusion.nn;

/**
 * The U-Net's residual block (as in Ho et al. 2020): GroupNorm → SiLU → 3×3 conv, plus a per-channel shift projected
 * from the time features, then GroupNorm → SiLU → 3×3 conv, added to the input (through a 1×1 conv when the channel
 * count changes). {@link #forward} records a {@link Cache} of what backward needs; {@link #infer} keeps nothing.
 */
final class ResBlock {

    /** Intermediate results of one forward pass, kept for backward. */
    static final class Cache {
        Tensor input;
        float[] stats1;
        Tensor normed1;
        Tensor activated1;
        Tensor hidden;
        float[] stats2;
        Tensor normed2;
        Tensor activated2;
    }

    final String name;
    final int inChannels;
    final int outChannels;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear timeShift;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    ResBlock(ParameterLayout layout, String name, int inChannels, int outChannels, int groups, int timeFeatures) {
        this.name = name;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.norm1 = new GroupNorm(layout, name + ".norm1", inChannels, groups);
        this.conv1 = new Conv2d(layout, name + ".conv1", inChannels, outChannels, 3, 1);
        this.timeShift = new Linear(layout, name + ".time", timeFeatures, outChannels);
        this.norm2 = new GroupNorm(layout, name + ".norm2", outChannels, groups);
        this.conv2 = new Conv2d(layout, name + ".conv2", outChannels, outChannels, 3, 1);
        this.skip = inChannels == outChannels ? null : new Conv2d(layout, name + ".skip", inChannels, outChannels, 1, 1);
    }

    long macsPerImage(int height, int width) {
        long macs = conv1.macsPerImage(height, width) + conv2.macsPerImage(height, width);
        return skip == null ? macs : macs + skip.macsPerImage(height, width);
    }

    /**
     * The training pass; {@link #infer} is the inference pass, which keeps nothing.
     *
     * @param timeFeatures one row of SiLU-activated time features per image
     * @param cache        receives the intermediates backward needs
     */
    Tensor forward(float[] params, Tensor x, float[] timeFeatures, Kernels kernels, Cache cache) {
        float[] stats1 = new float[2 * x.batch() * norm1.groups];
        Tensor normed1 = norm1.forward(params, x, stats1, kernels);
        Tensor activated1 = Silu.forward(normed1, kernels);
        Tensor hidden = conv1.forward(params, activated1, kernels);
        addTimeShift(hidden, timeShift.forward(params, timeFeatures, x.batch(), kernels));
        float[] stats2 = new float[2 * x.batch() * norm2.groups];
        Tensor normed2 = norm2.forward(params, hidden, stats2, kernels);
        Tensor activated2 = Silu.forward(normed2, kernels);
        Tensor out = conv2.forward(params, activated2, kernels);
        addResidual(params, x, kernels, out);
        cache.input = x;
        cache.stats1 = stats1;
        cache.normed1 = normed1;
        cache.activated1 = activated1;
        cache.hidden = hidden;
        cache.stats2 = stats2;
        cache.normed2 = normed2;
        cache.activated2 = activated2;
        return out;
    }

    /**
     * Adds this block's parameter gradients into {@code grads} and the gradient with respect to the time features
     * into {@code timeFeaturesGrad}; returns the input gradient.
     */
    Tensor backward(float[] params, float[] grads, Cache cache, Tensor dOut, float[] timeFeatures,
                    float[] timeFeaturesGrad, Kernels kernels) {
        Tensor dActivated2 = conv2.backward(params, grads, cache.activated2, dOut, kernels, true);
        Tensor dNormed2 = Silu.backward(cache.normed2, dActivated2, kernels);
        Tensor dHidden = norm2.backward(params, grads, cache.hidden, cache.stats2, dNormed2, kernels);
        float[] dShift = sumPerImageAndChannel(dHidden);
        float[] dTime = timeShift.backward(params, grads, timeFeatures, dShift, dOut.batch(), kernels, true);
        FeatureMaps.addInto(timeFeaturesGrad, dTime);
        Tensor dActivated1 = conv1.backward(params, grads, cache.activated1, dHidden, kernels, true);
        Tensor dNormed1 = Silu.backward(cache.normed1, dActivated1, kernels);
        Tensor dx = norm1.backward(params, grads, cache.input, cache.stats1, dNormed1, kernels);
        if (skip == null) {
            FeatureMaps.addInto(dx.data(), dOut.data());
        } else {
            FeatureMaps.addInto(dx.data(), skip.backward(params, grads, cache.input, dOut, kernels, true).data());
        }
        return dx;
    }

    /**
     * The inference pass, keeping nothing: each norm → SiLU is one pass, the second one over the hidden map it
     * replaces, and every intermediate map comes from {@code pool} and goes back to it. The output is taken from the
     * pool too; {@code x} is left as it is.
     */
    Tensor infer(float[] params, Tensor x, float[] timeFeatures, Kernels kernels, TensorPool pool) {
        int batch = x.batch();
        Tensor activated = norm1.forwardSiluInto(params, x, pool.take(inChannels, batch, x.height(), x.width()),
                kernels);
        Tensor hidden = conv1.forwardInto(params, activated, kernels,
                pool.take(outChannels, batch, x.height(), x.width()));
        pool.give(activated);
        addTimeShift(hidden, timeShift.forward(params, timeFeatures, batch, kernels));
        Tensor out = conv2.forwardInto(params, norm2.forwardSiluInto(params, hidden, hidden, kernels), kernels,
                pool.take(outChannels, batch, x.height(), x.width()));
        pool.give(hidden);
        addResidual(params, x, kernels, out);
        return out;
    }

    /**
     * out += x, through the skip convolution when the channel count changes, which adds straight onto out: both
     * passes do it the same way, so inference and training predict the same bits.
     */
    private void addResidual(float[] params, Tensor x, Kernels kernels, Tensor out) {
        if (skip == null) {
            FeatureMaps.addInto(out.data(), x.data());
        } else {
            skip.forwardAdding(params, x, kernels, out);
        }
    }

    /** hidden[c][n][·] += shift[n][c]. */
    private static void addTimeShift(Tensor hidden, float[] shift) {
        int batch = hidden.batch();
        int channels = hidden.channels();
        int area = hidden.height() * hidden.width();
        float[] data = hidden.data();
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < batch; n++) {
                float s = shift[n * channels + c];
                int base = (c * batch + n) * area;
                for (int i = base; i < base + area; i++) {
                    data[i] += s;
                }
            }
        }
    }

    /** Row n, column c: the sum of dHidden over image n's positions in channel c. */
    private static float[] sumPerImageAndChannel(Tensor d) {
        int batch = d.batch();
        int channels = d.channels();
        int area = d.height() * d.width();
        float[] data = d.data();
        float[] sums = new float[batch * channels];
        for (int c = 0; c < channels; c++) {
            for (int n = 0; n < batch; n++) {
                double sum = 0;
                int base = (c * batch + n) * area;
                for (int i = base; i < base + area; i++) {
                    sum += data[i];
                }
                sums[n * channels + c] = (float) sum;
            }
        }
        return sums;
    }
}

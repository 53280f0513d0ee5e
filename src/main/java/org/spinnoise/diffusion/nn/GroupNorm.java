package org.spinnoise.diffusion.nn;

/**
 * Group normalisation with a per-channel scale (gamma) and shift (beta): each image's channels are split into
 * {@code groups} equal groups, and each group is normalised to zero mean and unit variance over its channels and
 * positions, so the layer behaves the same for any batch size, including the single images of sampling. Statistics
 * are accumulated in double; forward can keep each (image, group) mean and reciprocal standard deviation for backward.
 */
final class GroupNorm {

    static final double EPSILON = 1e-5;
    /** Least data worth handing to another thread, a few microseconds of work. */
    private static final int MIN_VALUES_PER_PART = 8 * 1024;

    final String name;
    final int channels;
    final int groups;
    final int gammaOffset;
    final int betaOffset;

    GroupNorm(ParameterLayout layout, String name, int channels, int groups) {
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups
                    + " groups");
        }
        this.name = name;
        this.channels = channels;
        this.groups = groups;
        this.gammaOffset = layout.allocate(name + ".gamma", ParameterLayout.Init.constant(1f), channels);
        this.betaOffset = layout.allocate(name + ".beta", ParameterLayout.Init.constant(0f), channels);
    }

    /**
     * Normalises {@code x}; when {@code stats} is not null it receives, for image n and group g, the mean at
     * {@code 2*(n*groups+g)} and the reciprocal standard deviation right after it.
     */
    Tensor forward(float[] params, Tensor x, float[] stats, Kernels kernels) {
        return normalise(params, x, x.zerosLike(), stats, kernels, false);
    }

    /**
     * SiLU of the normalised {@code x}, in one pass over the data (the inference path of every norm → SiLU), written
     * into {@code y}, a tensor of x's shape whose contents are overwritten, or over {@code x} itself when {@code y}
     * is x, where nothing reads x afterwards: each (image, group) is read whole for its statistics before it is
     * written.
     */
    Tensor forwardSiluInto(float[] params, Tensor x, Tensor y, Kernels kernels) {
        if (!y.hasShape(x.channels(), x.batch(), x.height(), x.width())) {
            throw new IllegalArgumentException(name + " cannot write a " + x.shape() + " map into a " + y.shape()
                    + " tensor");
        }
        return normalise(params, x, y, null, kernels, true);
    }

    /** The (image, group) pairs are independent, so they are split across {@link Kernels#threads()}. */
    private Tensor normalise(float[] params, Tensor x, Tensor y, float[] stats, Kernels kernels, boolean silu) {
        if (x.channels() != channels) {
            throw new IllegalArgumentException(name + " expects " + channels + " channels, got " + x.channels());
        }
        int pairs = x.batch() * groups;
        int parts = (int) Math.max(1, Math.min(Math.min(kernels.threads(), pairs),
                (long) x.data().length / MIN_VALUES_PER_PART));
        Parallel.run(parts, p -> {
            for (int pair = Parallel.start(pairs, parts, p, 1); pair < Parallel.start(pairs, parts, p + 1, 1); pair++) {
                normaliseGroup(params, x, y, pair / groups, pair % groups, stats, kernels.pointwise(), silu);
            }
        });
        return y;
    }

    private void normaliseGroup(float[] params, Tensor x, Tensor y, int n, int g, float[] stats, Pointwise pointwise,
                                boolean silu) {
        int batch = x.batch();
        int area = x.height() * x.width();
        int perGroup = channels / groups;
        float[] in = x.data();
        float[] out = y.data();
        double sum = 0;
        for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
            int base = (c * batch + n) * area;
            sum += pointwise.sum(in, base, base + area);
        }
        double mean = sum / ((double) perGroup * area);
        // Deviations from the float mean; the difference to the exact mean is second order in the variance.
        double squares = 0;
        for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
            int base = (c * batch + n) * area;
            squares += pointwise.sumSquaredDeviations(in, base, base + area, (float) mean);
        }
        double rstd = 1.0 / Math.sqrt(squares / ((double) perGroup * area) + EPSILON);
        if (stats != null) {
            stats[2 * (n * groups + g)] = (float) mean;
            stats[2 * (n * groups + g) + 1] = (float) rstd;
        }
        for (int c = g * perGroup; c < (g + 1) * perGroup; c++) {
            float scale = (float) (rstd * params[gammaOffset + c]);
            float shift = (float) (params[betaOffset + c] - mean * rstd * params[gammaOffset + c]);
            int base = (c * batch + n) * area;
            if (silu) {
                pointwise.scaleShiftSilu(in, out, base, base + area, scale, shift);
            } else {
                pointwise.scaleShift(in, out, base, base + area, scale, shift);
            }
        }
    }

    /** Adds the gamma and beta gradients into {@code grads} and returns the input gradient. */
    Tensor backward(float[] params, float[] grads, Tensor x, float[] stats, Tensor dy, Kernels kernels) {
        Pointwise pointwise = kernels.pointwise();
        int batch = x.batch();
        int area = x.height() * x.width();
        int perGroup = channels / groups;
        double count = (double) perGroup * area;
        float[] in = x.data();
        float[] g = dy.data();
        Tensor dx = x.zerosLike();
        float[] out = dx.data();
        for (int n = 0; n < batch; n++) {
            for (int group = 0; group < groups; group++) {
                float mean = stats[2 * (n * groups + group)];
                float rstd = stats[2 * (n * groups + group) + 1];
                double sumDy = 0;
                double sumDyXhat = 0;
                for (int c = group * perGroup; c < (group + 1) * perGroup; c++) {
                    int base = (c * batch + n) * area;
                    double channelDy = pointwise.sum(g, base, base + area);
                    double channelDyXhat = rstd * pointwise.dotCentered(g, in, base, base + area, mean);
                    grads[gammaOffset + c] += (float) channelDyXhat;
                    grads[betaOffset + c] += (float) channelDy;
                    sumDy += channelDy * params[gammaOffset + c];
                    sumDyXhat += channelDyXhat * params[gammaOffset + c];
                }
                // dx = rstd·(dy·gamma − mean(dy·gamma) − x̂·mean(dy·gamma·x̂)), expanded into a·dy + b·x + c.
                double meanDy = sumDy / count;
                double meanDyXhat = sumDyXhat / count;
                float xScale = (float) (-rstd * rstd * meanDyXhat);
                float constant = (float) (-rstd * meanDy + mean * rstd * rstd * meanDyXhat);
                for (int c = group * perGroup; c < (group + 1) * perGroup; c++) {
                    int base = (c * batch + n) * area;
                    pointwise.combine(g, in, out, base, base + area, rstd * params[gammaOffset + c], xScale,
                            constant);
                }
            }
        }
        return dx;
    }
}

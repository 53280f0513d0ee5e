package org.spinnoise.diffusion.nn;

import java.util.ArrayList;
import java.util.List;
import org.spinnoise.diffusion.ImageShape;

/**
 * The built-in ε-prediction U-Net. Time path: sinusoidal embedding → linear → SiLU → linear → SiLU gives the time
 * features every residual block projects into a per-channel shift. Image path: a 3×3 stem conv; per level a
 * {@link ResBlock} whose output is kept as that level's skip, then a stride-2 3×3 conv down to the next level; a
 * middle block at the lowest resolution; back up, per level a block on [features ‖ skip] and a nearest ×2 upsample;
 * finally GroupNorm → SiLU → 3×3 conv to the image's channels.
 *
 * <p>The network is only architecture: parameters live in one flat array laid out by {@link #layout()} and are passed
 * to every call, so the same network serves live and averaged weights. Forward with a {@link Trace} keeps what
 * {@link #backward} needs; forward without one keeps nothing. Calls on different traces may run in parallel.
 */
public final class UNet {

    /** Intermediates of one training forward pass. */
    static final class Trace {
        int batch;
        float[] sinusoid;
        float[] time1;
        float[] time1Activated;
        float[] time2;
        float[] timeFeatures;
        Tensor input;
        final List<ResBlock.Cache> downCaches = new ArrayList<>();
        final List<Tensor> skips = new ArrayList<>();
        final ResBlock.Cache middleCache = new ResBlock.Cache();
        final List<ResBlock.Cache> upCaches = new ArrayList<>();
        final List<Integer> upInputChannels = new ArrayList<>();
        Tensor last;
        float[] outStats;
        Tensor outNormed;
        Tensor outActivated;
    }

    private final UNetConfig config;
    private final ParameterLayout layout = new ParameterLayout();
    private final Linear time1;
    private final Linear time2;
    private final Conv2d stem;
    private final ResBlock[] down;
    private final Conv2d[] downsample;
    private final ResBlock middle;
    private final ResBlock[] up;
    private final GroupNorm outNorm;
    private final Conv2d outConv;

    public UNet(UNetConfig config) {
        this.config = config;
        int levels = config.levels();
        int features = config.timeFeatures();
        time1 = new Linear(layout, "time.linear1", config.sinusoidDimension(), features);
        time2 = new Linear(layout, "time.linear2", features, features);
        stem = new Conv2d(layout, "stem", config.image().channels(), config.channels(0), 3, 1);
        down = new ResBlock[levels];
        downsample = new Conv2d[levels - 1];
        int channels = config.channels(0);
        for (int i = 0; i < levels; i++) {
            down[i] = new ResBlock(layout, "down" + i, channels, config.channels(i), config.groups(), features);
            channels = config.channels(i);
            if (i < levels - 1) {
                downsample[i] = new Conv2d(layout, "downsample" + i, channels, channels, 3, 2);
            }
        }
        middle = new ResBlock(layout, "middle", channels, channels, config.groups(), features);
        up = new ResBlock[levels];
        for (int i = levels - 1; i >= 0; i--) {
            up[i] = new ResBlock(layout, "up" + i, channels + config.channels(i), config.channels(i), config.groups(),
                    features);
            channels = config.channels(i);
        }
        outNorm = new GroupNorm(layout, "out.norm", channels, config.groups());
        outConv = new Conv2d(layout, "out.conv", channels, config.image().channels(), 3, 1);
    }

    public UNetConfig config() {
        return config;
    }

    /** Names, shapes and offsets of every parameter in the flat array. */
    public ParameterLayout layout() {
        return layout;
    }

    public int parameterCount() {
        return layout.size();
    }

    /**
     * Forward pass on channel-major images (for one image channel, the same as NCHW).
     *
     * @param trace receives what backward needs, or null for inference
     */
    Tensor forward(float[] params, Tensor x, int[] timesteps, Kernels kernels, Trace trace) {
        checkParameters(params);
        ImageShape image = config.image();
        if (x.channels() != image.channels() || x.height() != image.height() || x.width() != image.width()
                || timesteps.length != x.batch()) {
            throw new IllegalArgumentException("this U-Net takes " + image + " images with one timestep each, got "
                    + x.channels() + "x" + x.height() + "x" + x.width() + " with " + timesteps.length + " timesteps for "
                    + x.batch() + " images");
        }
        int batch = x.batch();
        float[] steps = new float[batch];
        for (int n = 0; n < batch; n++) {
            steps[n] = timesteps[n];
        }
        float[] sinusoid = TimeEmbedding.sinusoidal(steps, config.sinusoidDimension());
        float[] t1 = time1.forward(params, sinusoid, batch, kernels);
        float[] t1Activated = Silu.forward(t1, kernels);
        float[] t2 = time2.forward(params, t1Activated, batch, kernels);
        float[] timeFeatures = Silu.forward(t2, kernels);

        if (trace == null) {
            return infer(params, x, timeFeatures, kernels, TensorPool.ofThisThread());
        }
        Tensor h = stem.forward(params, x, kernels);
        List<Tensor> skips = new ArrayList<>();
        for (int i = 0; i < down.length; i++) {
            ResBlock.Cache cache = new ResBlock.Cache();
            h = down[i].forward(params, h, timeFeatures, kernels, cache);
            skips.add(h);
            trace.downCaches.add(cache);
            if (i < downsample.length) {
                h = downsample[i].forward(params, h, kernels);
            }
        }
        h = middle.forward(params, h, timeFeatures, kernels, trace.middleCache);
        for (int i = up.length - 1; i >= 0; i--) {
            ResBlock.Cache cache = new ResBlock.Cache();
            trace.upCaches.add(0, cache);
            trace.upInputChannels.add(0, h.channels());
            h = up[i].forward(params, FeatureMaps.concat(h, skips.get(i)), timeFeatures, kernels, cache);
            if (i > 0) {
                h = FeatureMaps.upsample2(h);
            }
        }
        float[] outStats = new float[2 * batch * outNorm.groups];
        Tensor normed = outNorm.forward(params, h, outStats, kernels);
        Tensor activated = Silu.forward(normed, kernels);
        Tensor out = outConv.forward(params, activated, kernels);
        trace.batch = batch;
        trace.sinusoid = sinusoid;
        trace.time1 = t1;
        trace.time1Activated = t1Activated;
        trace.time2 = t2;
        trace.timeFeatures = timeFeatures;
        trace.input = x;
        trace.skips.addAll(skips);
        trace.last = h;
        trace.outStats = outStats;
        trace.outNormed = normed;
        trace.outActivated = activated;
        return out;
    }

    /**
     * The inference pass of {@link #forward}: the traced pass's layers with each norm and its SiLU in one pass, and
     * every feature map but the output taken from {@code pool} and given back, once, as soon as nothing reads it.
     */
    private Tensor infer(float[] params, Tensor x, float[] timeFeatures, Kernels kernels, TensorPool pool) {
        int height = x.height();
        int width = x.width();
        int batch = x.batch();
        Tensor h = stem.forwardInto(params, x, kernels, pool.take(stem.outChannels, batch, height, width));
        Tensor[] skips = new Tensor[down.length];
        for (int i = 0; i < down.length; i++) {
            Tensor block = down[i].infer(params, h, timeFeatures, kernels, pool);
            pool.give(h);
            skips[i] = block;
            h = block;
            if (i < downsample.length) {
                h = downsample[i].forwardInto(params, block, kernels, pool.take(downsample[i].outChannels, batch,
                        block.height() / 2, block.width() / 2));
            }
        }
        // The lowest level does not downsample: the middle block's input is that level's skip, still needed.
        h = middle.infer(params, h, timeFeatures, kernels, pool);
        for (int i = up.length - 1; i >= 0; i--) {
            Tensor skip = skips[i];
            Tensor joined = FeatureMaps.concatInto(h, skip, pool.take(h.channels() + skip.channels(), batch,
                    skip.height(), skip.width()));
            pool.give(h);
            pool.give(skip);
            h = up[i].infer(params, joined, timeFeatures, kernels, pool);
            pool.give(joined);
            if (i > 0) {
                Tensor larger = FeatureMaps.upsample2Into(h, pool.take(h.channels(), batch, 2 * h.height(),
                        2 * h.width()));
                pool.give(h);
                h = larger;
            }
        }
        // The output is the caller's to keep, so it is a new tensor.
        Tensor out = outConv.forward(params, outNorm.forwardSiluInto(params, h, h, kernels), kernels);
        pool.give(h);
        return out;
    }

    /** Adds ∂L/∂parameters into {@code grads}, given ∂L/∂output {@code dOut} of the traced forward pass. */
    void backward(float[] params, float[] grads, Trace trace, Tensor dOut, Kernels kernels) {
        checkParameters(params);
        checkParameters(grads);
        float[] dTimeFeatures = new float[trace.timeFeatures.length];
        Tensor dActivated = outConv.backward(params, grads, trace.outActivated, dOut, kernels, true);
        Tensor dNormed = Silu.backward(trace.outNormed, dActivated, kernels);
        Tensor dh = outNorm.backward(params, grads, trace.last, trace.outStats, dNormed, kernels);
        Tensor[] dSkips = new Tensor[up.length];
        for (int i = 0; i < up.length; i++) {
            if (i > 0) {
                dh = FeatureMaps.upsample2Backward(dh);
            }
            Tensor dConcat = up[i].backward(params, grads, trace.upCaches.get(i), dh, trace.timeFeatures,
                    dTimeFeatures, kernels);
            int inChannels = trace.upInputChannels.get(i);
            dh = FeatureMaps.channels(dConcat, 0, inChannels);
            dSkips[i] = FeatureMaps.channels(dConcat, inChannels, dConcat.channels() - inChannels);
        }
        dh = middle.backward(params, grads, trace.middleCache, dh, trace.timeFeatures, dTimeFeatures, kernels);
        for (int i = down.length - 1; i >= 0; i--) {
            if (i < downsample.length) {
                dh = downsample[i].backward(params, grads, trace.skips.get(i), dh, kernels, true);
            }
            FeatureMaps.addInto(dh.data(), dSkips[i].data());
            dh = down[i].backward(params, grads, trace.downCaches.get(i), dh, trace.timeFeatures, dTimeFeatures,
                    kernels);
        }
        stem.backward(params, grads, trace.input, dh, kernels, false);
        float[] dTime2 = Silu.backward(trace.time2, dTimeFeatures, kernels);
        float[] dTime1Activated = time2.backward(params, grads, trace.time1Activated, dTime2, trace.batch, kernels,
                true);
        float[] dTime1 = Silu.backward(trace.time1, dTime1Activated, kernels);
        time1.backward(params, grads, trace.sinusoid, dTime1, trace.batch, kernels, false);
    }

    /**
     * Floating-point operations of one image's forward pass, counting each multiply-add of the convolutions and
     * linear layers as two; normalisation, activations and additions (under 1% here) are not counted.
     */
    public long forwardFlopsPerImage() {
        return 2 * forwardMacsPerImage();
    }

    /**
     * Floating-point operations of one image's training step: the forward pass, the weight gradients (as many again)
     * and the input gradients (as many again, except for the stem, whose input is the image).
     */
    public long trainingFlopsPerImage() {
        int height = config.image().height();
        int width = config.image().width();
        return 3 * forwardFlopsPerImage() - 2 * stem.macsPerImage(height, width)
                - 2L * time1.inFeatures * time1.outFeatures;
    }

    long forwardMacsPerImage() {
        int height = config.image().height();
        int width = config.image().width();
        long macs = (long) time1.inFeatures * time1.outFeatures + (long) time2.inFeatures * time2.outFeatures;
        macs += stem.macsPerImage(height, width) + outConv.macsPerImage(height, width);
        for (int i = 0; i < down.length; i++) {
            int h = height >> i;
            int w = width >> i;
            macs += down[i].macsPerImage(h, w) + up[i].macsPerImage(h, w) + (long) config.timeFeatures()
                    * (down[i].outChannels + up[i].outChannels);
            if (i < downsample.length) {
                macs += downsample[i].macsPerImage(h, w);
            }
        }
        int lowest = down.length - 1;
        macs += middle.macsPerImage(height >> lowest, width >> lowest)
                + (long) config.timeFeatures() * middle.outChannels;
        return macs;
    }

    private void checkParameters(float[] params) {
        if (params.length != layout.size()) {
            throw new IllegalArgumentException("this U-Net has " + layout.size() + " parameters, got an array of "
                    + params.length);
        }
    }
}

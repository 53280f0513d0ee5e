package org.spinnoise.diffusion.nn;

/**
 * The parameter-free feature-map operations of the U-Net with their backward passes: nearest-neighbour ×2
 * upsampling, channel concatenation for skip connections (an array append in the channel-major layout), and
 * element-wise residual addition.
 */
final class FeatureMaps {

    private FeatureMaps() {
    }

    /** Each pixel becomes a 2×2 block. */
    static Tensor upsample2(Tensor x) {
        return upsample2Into(x, Tensor.zeros(x.channels(), x.batch(), 2 * x.height(), 2 * x.width()));
    }

    /** {@link #upsample2} into {@code y}, a tensor of the output's shape whose contents are overwritten. */
    static Tensor upsample2Into(Tensor x, Tensor y) {
        int height = x.height();
        int width = x.width();
        if (!y.hasShape(x.channels(), x.batch(), 2 * height, 2 * width)) {
            throw new IllegalArgumentException("cannot upsample a " + x.shape() + " tensor into a " + y.shape() + " one");
        }
        float[] in = x.data();
        float[] out = y.data();
        int maps = x.channels() * x.batch();
        for (int m = 0; m < maps; m++) {
            for (int iy = 0; iy < height; iy++) {
                int source = (m * height + iy) * width;
                int target = (m * 2 * height + 2 * iy) * 2 * width;
                for (int ix = 0; ix < width; ix++) {
                    float v = in[source + ix];
                    out[target + 2 * ix] = v;
                    out[target + 2 * ix + 1] = v;
                }
                System.arraycopy(out, target, out, target + 2 * width, 2 * width);
            }
        }
        return y;
    }

    /** Gradient of {@link #upsample2}: each input pixel collects the sum over its 2×2 block. */
    static Tensor upsample2Backward(Tensor dy) {
        int height = dy.height() / 2;
        int width = dy.width() / 2;
        Tensor dx = Tensor.zeros(dy.channels(), dy.batch(), height, width);
        float[] in = dy.data();
        float[] out = dx.data();
        int maps = dy.channels() * dy.batch();
        for (int m = 0; m < maps; m++) {
            for (int iy = 0; iy < height; iy++) {
                int top = (m * 2 * height + 2 * iy) * 2 * width;
                int bottom = top + 2 * width;
                int target = (m * height + iy) * width;
                for (int ix = 0; ix < width; ix++) {
                    out[target + ix] = in[top + 2 * ix] + in[top + 2 * ix + 1] + in[bottom + 2 * ix]
                            + in[bottom + 2 * ix + 1];
                }
            }
        }
        return dx;
    }

    /** Channels of {@code a} followed by those of {@code b}. */
    static Tensor concat(Tensor a, Tensor b) {
        return concatInto(a, b, Tensor.zeros(a.channels() + b.channels(), a.batch(), a.height(), a.width()));
    }

    /** {@link #concat} into {@code out}, a tensor of the result's shape whose contents are overwritten. */
    static Tensor concatInto(Tensor a, Tensor b, Tensor out) {
        if (a.batch() != b.batch() || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("cannot concatenate " + a.batch() + "×" + a.height() + "×" + a.width()
                    + " with " + b.batch() + "×" + b.height() + "×" + b.width());
        }
        if (!out.hasShape(a.channels() + b.channels(), a.batch(), a.height(), a.width())) {
            throw new IllegalArgumentException("cannot concatenate " + a.shape() + " and " + b.shape() + " into "
                    + out.shape());
        }
        System.arraycopy(a.data(), 0, out.data(), 0, a.data().length);
        System.arraycopy(b.data(), 0, out.data(), a.data().length, b.data().length);
        return out;
    }

    /** Channels {@code from} … {@code from+count−1} of {@code x}, as a new tensor. */
    static Tensor channels(Tensor x, int from, int count) {
        float[] data = new float[count * x.plane()];
        System.arraycopy(x.data(), from * x.plane(), data, 0, data.length);
        return new Tensor(data, count, x.batch(), x.height(), x.width());
    }

    /** target += source, element by element. */
    static void addInto(float[] target, float[] source) {
        if (target.length != source.length) {
            throw new IllegalArgumentException("cannot add " + source.length + " floats to " + target.length);
        }
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
    }
}

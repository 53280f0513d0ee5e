package org.spinnoise.diffusion.nn;

/**
 * 2×2 max pooling with stride 2 on channel-major tensors of even height and width: each output is the largest of its
 * four inputs. Forward can record, per output, which of the four won, so backward routes each gradient to that input
 * alone (ties go to the first in reading order, as in PyTorch).
 */
final class MaxPool2 {

    private MaxPool2() {
    }

    /**
     * Pools {@code x}; when {@code winners} is not null it receives, per output element, the winner's position in
     * its 2×2 window (0 top left, 1 top right, 2 bottom left, 3 bottom right).
     */
    static Tensor forward(Tensor x, byte[] winners) {
        int height = x.height();
        int width = x.width();
        if (height % 2 != 0 || width % 2 != 0) {
            throw new IllegalArgumentException("2x2 max pooling needs an even height and width, got " + height + "x"
                    + width);
        }
        int outHeight = height / 2;
        int outWidth = width / 2;
        Tensor y = Tensor.zeros(x.channels(), x.batch(), outHeight, outWidth);
        if (winners != null && winners.length != y.data().length) {
            throw new IllegalArgumentException("winners holds " + winners.length + " entries for " + y.data().length
                    + " outputs");
        }
        float[] in = x.data();
        float[] out = y.data();
        int maps = x.channels() * x.batch();
        for (int m = 0; m < maps; m++) {
            for (int oy = 0; oy < outHeight; oy++) {
                int top = (m * height + 2 * oy) * width;
                int bottom = top + width;
                int target = (m * outHeight + oy) * outWidth;
                for (int ox = 0; ox < outWidth; ox++) {
                    float a = in[top + 2 * ox];
                    float b = in[top + 2 * ox + 1];
                    float c = in[bottom + 2 * ox];
                    float d = in[bottom + 2 * ox + 1];
                    float upper = Math.max(a, b);
                    float lower = Math.max(c, d);
                    out[target + ox] = Math.max(upper, lower);
                    if (winners != null) {
                        int upperIndex = b > a ? 1 : 0;
                        int lowerIndex = d > c ? 3 : 2;
                        winners[target + ox] = (byte) (lower > upper ? lowerIndex : upperIndex);
                    }
                }
            }
        }
        return y;
    }

    /** The input gradient: each output's gradient goes to the input that won its window, the other three get 0. */
    static Tensor backward(Tensor dy, byte[] winners) {
        int outHeight = dy.height();
        int outWidth = dy.width();
        int width = 2 * outWidth;
        Tensor dx = Tensor.zeros(dy.channels(), dy.batch(), 2 * outHeight, width);
        float[] in = dy.data();
        float[] out = dx.data();
        int maps = dy.channels() * dy.batch();
        for (int m = 0; m < maps; m++) {
            for (int oy = 0; oy < outHeight; oy++) {
                int top = (m * 2 * outHeight + 2 * oy) * width;
                int source = (m * outHeight + oy) * outWidth;
                for (int ox = 0; ox < outWidth; ox++) {
                    int winner = winners[source + ox];
                    out[top + (winner >> 1) * width + 2 * ox + (winner & 1)] = in[source + ox];
                }
            }
        }
        return dx;
    }
}

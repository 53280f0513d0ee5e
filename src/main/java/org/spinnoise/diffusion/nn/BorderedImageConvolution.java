package org.spinnoise.diffusion.nn;

/**
 * The forward pass of a 3×3, stride-1 {@link Conv2d} without an im2col copy. Each image is copied once into planes
 * with a one-pixel zero border; there, the input a kernel tap sees for output (oy, ox) lies at a fixed offset from
 * (oy, ox), so row (ci, tap) of the im2col matrix is a run of the bordered plane itself, which
 * {@link Gemm#multiplyGathered} reads in place. The price is the border columns: outputs are computed for every
 * position of each bordered row, two of them wasted per row, and are then copied into the output without those.
 * Measured layer by layer (the same layer and input, both paths alternated in one JVM), this path takes, of the
 * im2col path's time: at batch 1, 0.66–0.87 on the U-Net's 28×28 and 14×14 layers, 1.04–1.09 on its 7×7 ones (a
 * third of the outputs wasted) and 1.5–1.8 on the one-channel stem; at batch 16, where im2col's blocks are long and
 * whole, 0.68–0.77 on 28×28 layers, 1.03 on 14×14 and 1.5 on 7×7. So it takes layers wasting at most
 * {@link #MOST_WASTED_SHARE_ONE_IMAGE} for one image or {@link #MOST_WASTED_SHARE_BATCH} for several, with at least
 * {@link #MIN_IN_CHANNELS} input channels. Each output starts from its bias and adds its products in im2col's order,
 * so it equals the im2col path's bit for bit wherever that path's block is a whole number of vectors wide, and to
 * rounding on a ragged last block, which the im2col path sums apart from the bias.
 */
final class BorderedImageConvolution {

    /** Extra output columns, as a share of the real ones, up to which this path is faster for one image (14×14). */
    private static final double MOST_WASTED_SHARE_ONE_IMAGE = 0.25;
    /** The same for several images, which im2col handles in long whole blocks (28×28 only). */
    private static final double MOST_WASTED_SHARE_BATCH = 0.10;
    /** Fewest input channels for this path. */
    private static final int MIN_IN_CHANNELS = 8;

    /**
     * Each thread's bordered input and wide output, reused from call to call: fresh arrays would be zeroed first,
     * writing as much again as the copies themselves and pushing the layer's weights out of the cache.
     */
    private static final ThreadLocal<float[]> BORDERED = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> WIDE_OUTPUT = ThreadLocal.withInitial(() -> new float[0]);

    private BorderedImageConvolution() {
    }

    /** True when {@code conv} on {@code x} takes this path. */
    static boolean applies(Conv2d conv, Tensor x, Kernels kernels) {
        int lanes = kernels.gemm().columnAlignment();
        // With few input channels (the stem's one) the im2col copy is small and the border's set-up costs more.
        double mostWasted = x.batch() == 1 ? MOST_WASTED_SHARE_ONE_IMAGE : MOST_WASTED_SHARE_BATCH;
        return conv.kernel == 3 && conv.stride == 1 && conv.outChannels % 8 == 0 && lanes > 1
                && conv.inChannels >= MIN_IN_CHANNELS
                && wideColumns(x.height(), x.width(), lanes) <= (1 + mostWasted) * x.height() * x.width();
    }

    static Tensor forward(Conv2d conv, float[] params, Tensor x, Kernels kernels) {
        int height = x.height();
        int width = x.width();
        int rowLength = width + 2;
        int plane = (height + 2) * rowLength;
        int wide = wideColumns(height, width, kernels.gemm().columnAlignment());
        // Column 0 of the wide output is output (0, 0), bordered position (1, 1).
        int origin = rowLength + 1;
        int inChannels = conv.inChannels;
        int[] rows = new int[inChannels * 9];
        for (int ci = 0; ci < inChannels; ci++) {
            for (int tap = 0; tap < 9; tap++) {
                rows[ci * 9 + tap] = ci * plane + origin + (tap / 3 - 1) * rowLength + tap % 3 - 1;
            }
        }
        // The last tile reads up to a row and a column past the last output: the array ends beyond that, in zeros.
        int length = (inChannels - 1) * plane + origin + wide + rowLength + 1;
        float[] bordered = scratch(BORDERED, length);
        float[] out = scratch(WIDE_OUTPUT, conv.outChannels * wide);
        Tensor y = Tensor.zeros(conv.outChannels, x.batch(), height, width);
        // One image at a time: the layer's weights stay in the cache from one image to the next.
        for (int n = 0; n < x.batch(); n++) {
            border(x, n, bordered, length, plane, origin);
            multiply(conv, params, kernels, bordered, rows, out, wide);
            for (int co = 0; co < conv.outChannels; co++) {
                for (int oy = 0; oy < height; oy++) {
                    System.arraycopy(out, co * wide + oy * rowLength, y.data(),
                            ((co * x.batch() + n) * height + oy) * width, width);
                }
            }
        }
        return y;
    }

    /**
     * Copies image {@code n} of {@code x} into the first {@code length} floats of {@code bordered}, one bordered
     * plane per channel, and zeroes every border cell and the tail past the last plane: the buffer is reused, so
     * none of them is zero to begin with.
     */
    private static void border(Tensor x, int n, float[] bordered, int length, int plane, int origin) {
        int height = x.height();
        int width = x.width();
        int rowLength = width + 2;
        float[] data = x.data();
        for (int ci = 0; ci < x.channels(); ci++) {
            // The top row, then per row the right border and the next row's left one, then the bottom row.
            int base = ci * plane;
            java.util.Arrays.fill(bordered, base, base + origin, 0f);
            for (int oy = 0; oy < height; oy++) {
                int start = base + origin + oy * rowLength;
                System.arraycopy(data, ((ci * x.batch() + n) * height + oy) * width, bordered, start, width);
                bordered[start + width] = 0f;
                bordered[start + width + 1] = 0f;
            }
            java.util.Arrays.fill(bordered, base + (height + 1) * rowLength + 1, base + plane, 0f);
        }
        java.util.Arrays.fill(bordered, Math.min(length, x.channels() * plane), length, 0f);
    }

    /** The wide output of one bordered image: bias, then W times its gathered receptive fields, split over threads. */
    private static void multiply(Conv2d conv, float[] params, Kernels kernels, float[] bordered, int[] rows,
                                 float[] out, int wide) {
        for (int co = 0; co < conv.outChannels; co++) {
            java.util.Arrays.fill(out, co * wide, (co + 1) * wide, params[conv.biasOffset + co]);
        }
        int patch = conv.inChannels * 9;
        int tile = 3 * kernels.gemm().columnAlignment();
        int parts = conv.parts(kernels, wide, tile);
        Parallel.run(parts, p -> {
            int from = Parallel.start(wide, parts, p, tile);
            int to = Parallel.start(wide, parts, p + 1, tile);
            kernels.gemm().multiplyGathered(conv.outChannels, to - from, patch, params, conv.weightOffset, patch,
                    bordered, rows, from, out, from, wide);
        });
    }

    /** This thread's buffer of {@code buffers}, at least {@code length} long; its contents are left over. */
    private static float[] scratch(ThreadLocal<float[]> buffers, int length) {
        float[] buffer = buffers.get();
        if (buffer.length < length) {
            buffer = new float[length];
            buffers.set(buffer);
        }
        return buffer;
    }

    /** Outputs computed: from output (0, 0) to output (h−1, w−1) along bordered rows, in whole vectors. */
    private static int wideColumns(int height, int width, int lanes) {
        int span = (height - 1) * (width + 2) + width;
        return (span + lanes - 1) / lanes * lanes;
    }
}

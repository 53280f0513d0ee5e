package org.spinnoise.diffusion.nn;

/**
 * The forward pass of a 3×3 {@link Conv2d} without an im2col copy. Each image is copied once into planes
 * with a zero border; there, the input a kernel tap sees for output (oy, ox) lies at a fixed offset from
 * (oy, ox), so row (ci, tap) of the im2col matrix is a run of the bordered plane itself, which
 * {@link Gemm#multiplyGathered} reads in place. Rows are one zero apart, that zero being the right border of one
 * row and the left border of the next. The price is that column: outputs are computed for every position of each
 * bordered row, one of them wasted per row, and are then copied into the output without those. At stride 2 (even
 * sizes) each channel is split into four planes by the parity of rows and columns ({@link Layout}), which makes
 * every tap a fixed offset again.
 *
 * <p>Measured layer by layer (the same layer and input, both paths alternated in one JVM), this path takes, of the
 * im2col path's time: at batch 1, 0.79–0.95 on the U-Net's stride-1 layers at 28×28, 14×14 and 7×7 alike; at batch
 * 16, 0.73–0.95 at 28×28 and 0.83–0.94 at 14×14, but 1.15–1.21 at 7×7 (a seventh of the outputs wasted, where
 * im2col's blocks are long and whole); 0.65–0.80 on the two stride-2 layers, whose strided im2col copy is slow; and
 * 0.38–0.46 on the one-channel output layer, whose product is a single row. With one input channel (the stem) the
 * im2col copy is small and the border's set-up costs more. So it takes layers wasting at most
 * {@link #MOST_WASTED_SHARE_ONE_IMAGE} for one image or {@link #MOST_WASTED_SHARE_BATCH} for several, with at least
 * {@link #MIN_IN_CHANNELS} input channels. Each output starts from its bias and adds its products in im2col's order,
 * so it equals the im2col path's bit for bit wherever that path's block is a whole number of vectors wide, and to
 * rounding on a ragged last block, which the im2col path sums apart from the bias.
 */
final class BorderedImageConvolution {

    /** Extra output columns, as a share of the real ones, up to which this path is faster for one image (7×7). */
    private static final double MOST_WASTED_SHARE_ONE_IMAGE = 0.25;
    /** The same for several images, which im2col handles in long whole blocks (14×14 and 28×28, not 7×7). */
    private static final double MOST_WASTED_SHARE_BATCH = 0.12;
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
        if (conv.kernel != 3 || lanes == 1 || conv.inChannels < MIN_IN_CHANNELS) {
            return false;
        }
        if (conv.stride == 2) {
            return x.height() % 2 == 0 && x.width() % 2 == 0;
        }
        // With few input channels (the stem's one) the im2col copy is small and the border's set-up costs more.
        double mostWasted = x.batch() == 1 ? MOST_WASTED_SHARE_ONE_IMAGE : MOST_WASTED_SHARE_BATCH;
        Layout layout = new Layout(1, x.height(), x.width(), lanes);
        return layout.wide <= (1 + mostWasted) * x.height() * x.width();
    }

    /** Writes {@code conv}'s output for {@code x} into every element of {@code y} and returns it. */
    static Tensor forward(Conv2d conv, float[] params, Tensor x, Kernels kernels, Tensor y) {
        Layout layout = new Layout(conv.stride, conv.outSize(x.height()), conv.outSize(x.width()),
                kernels.gemm().columnAlignment());
        int inChannels = conv.inChannels;
        int[] rows = new int[inChannels * 9];
        for (int ci = 0; ci < inChannels; ci++) {
            for (int tap = 0; tap < 9; tap++) {
                rows[ci * 9 + tap] = layout.row(ci, tap / 3, tap % 3);
            }
        }
        // The last tile reads up to a row and a column past the last output: the array ends beyond that, in zeros.
        int planes = inChannels * layout.phases;
        int length = (planes - 1) * layout.plane + layout.origin + layout.wide + layout.rowLength + 1;
        float[] bordered = scratch(BORDERED, length);
        int wide = layout.wide;
        float[] out = scratch(WIDE_OUTPUT, conv.outChannels * wide);
        int outHeight = layout.outHeight;
        int outWidth = layout.outWidth;
        // One image at a time: the layer's weights stay in the cache from one image to the next.
        for (int n = 0; n < x.batch(); n++) {
            border(x, n, layout, bordered, length);
            multiply(conv, params, kernels, bordered, rows, out, wide);
            for (int co = 0; co < conv.outChannels; co++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    System.arraycopy(out, co * wide + oy * layout.rowLength, y.data(),
                            ((co * x.batch() + n) * outHeight + oy) * outWidth, outWidth);
                }
            }
        }
        return y;
    }

    /**
     * Where the bordered planes lie. At stride 1 each channel has one plane, the image with a zero row above and
     * below and a zero before each row (the one before the next row borders it on the right). At stride 2 each has
     * four, its even and odd rows by its even and odd columns (each the output's size), since output (oy, ox)
     * reads input rows 2oy−1, 2oy, 2oy+1: the odd-row plane at oy−1, the even one at oy and the odd one at oy; so
     * those planes need a border above and to the left only, and a tap again reads a run of one plane at a fixed
     * offset.
     */
    static final class Layout {
        final int stride;
        final int phases;
        final int outHeight;
        final int outWidth;
        final int rowLength;
        final int plane;
        /** Bordered position of output (0, 0), one row and one column in. */
        final int origin;
        /** Outputs computed: from output (0, 0) to its last one along bordered rows, in whole vectors. */
        final int wide;

        Layout(int stride, int outHeight, int outWidth, int lanes) {
            this.stride = stride;
            this.phases = stride * stride;
            this.outHeight = outHeight;
            this.outWidth = outWidth;
            // Stride 2 reads no row below the last: its odd-row plane's last row is the image's last.
            int rowsBelow = stride == 1 ? 1 : 0;
            this.rowLength = outWidth + 1;
            this.plane = (outHeight + 1 + rowsBelow) * rowLength;
            this.origin = rowLength + 1;
            int span = (outHeight - 1) * rowLength + outWidth;
            this.wide = (span + lanes - 1) / lanes * lanes;
        }

        /** Start of the run tap (ky, kx) of input channel ci reads for wide output column 0. */
        int row(int ci, int ky, int kx) {
            int phase = Math.floorMod(ky - 1, stride) * stride + Math.floorMod(kx - 1, stride);
            return (ci * phases + phase) * plane + origin + Math.floorDiv(ky - 1, stride) * rowLength
                    + Math.floorDiv(kx - 1, stride);
        }
    }

    /**
     * Copies image {@code n} of {@code x} into the first {@code length} floats of {@code bordered}, its bordered
     * planes one after another, and zeroes every border cell and the tail past the last plane: the buffer is reused,
     * so none of them is zero to begin with.
     */
    static void border(Tensor x, int n, Layout layout, float[] bordered, int length) {
        int height = x.height();
        int width = x.width();
        int stride = layout.stride;
        int rowLength = layout.rowLength;
        int outWidth = layout.outWidth;
        float[] data = x.data();
        for (int ci = 0; ci < x.channels(); ci++) {
            int image = (ci * x.batch() + n) * height * width;
            for (int phase = 0; phase < layout.phases; phase++) {
                // The top row, then per row the right border and the next row's left one, then the bottom row.
                int base = (ci * layout.phases + phase) * layout.plane;
                java.util.Arrays.fill(bordered, base, base + layout.origin, 0f);
                int firstRow = phase / stride;
                for (int oy = 0; oy < layout.outHeight; oy++) {
                    int start = base + layout.origin + oy * rowLength;
                    int source = image + (stride * oy + firstRow) * width;
                    if (stride == 1) {
                        System.arraycopy(data, source, bordered, start, outWidth);
                    } else if (phase % 2 == 0) {
                        // Both column parities of the row in one pass, the odd one into the next plane. (A Vector
                        // API version, two-vector rearranges, took 2.3 times as long as this loop on JDK 17.)
                        int odd = start + layout.plane;
                        for (int ox = 0; ox < outWidth; ox++) {
                            bordered[start + ox] = data[source + 2 * ox];
                            bordered[odd + ox] = data[source + 2 * ox + 1];
                        }
                    }
                    java.util.Arrays.fill(bordered, start + outWidth, start + rowLength, 0f);
                }
                int end = base + layout.origin + layout.outHeight * rowLength;
                java.util.Arrays.fill(bordered, Math.min(end, base + layout.plane), base + layout.plane, 0f);
            }
        }
        java.util.Arrays.fill(bordered, Math.min(length, x.channels() * layout.phases * layout.plane), length, 0f);
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
    static float[] scratch(ThreadLocal<float[]> buffers, int length) {
        float[] buffer = buffers.get();
        if (buffer.length < length) {
            buffer = new float[length];
            buffers.set(buffer);
        }
        return buffer;
    }
}

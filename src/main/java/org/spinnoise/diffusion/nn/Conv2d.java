package org.spinnoise.diffusion.nn;

import java.util.Arrays;

/**
 * A 2-D convolution layer (kernel 1 or 3, stride 1 or 2, padding kernel/2) with bias, on channel-major tensors.
 * Weights are [out][in][ky][kx] in the flat parameter array, which read row-major is the out × (in·k·k) matrix W.
 * A 1×1 convolution is directly W·x. A 3×3 one runs over blocks of output positions: the block's receptive
 * fields are laid out by {@link Im2col} into a buffer small enough to stay in the core's L2 cache, and W times that
 * buffer is accumulated straight into the output. Wherever it is faster, the forward pass takes another path:
 * Winograd's F(2×2, 3×3) for wide stride-1 layers on several images ({@link WinogradConvolution}), else the
 * receptive fields read in place from a bordered copy of each image ({@link BorderedImageConvolution}). Backward
 * recomputes each block's buffer, adds buffer·dyᵀ to the transposed weight gradient and scatters Wᵀ·dy back onto
 * the input gradient.
 */
final class Conv2d {

    /** Floats of im2col buffer to aim for per block: 64 KiB ×4 bytes, comfortably inside a 1 MiB L2. */
    private static final int BLOCK_FLOATS = 64 * 1024;
    /** Least work worth handing to another thread: about 50 µs, well above the cost of waking it. */
    private static final long MIN_MACS_PER_PART = 1L << 20;
    /** Each thread's im2col buffer for the forward pass; see {@link #scratch}. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    final String name;
    final int inChannels;
    final int outChannels;
    final int kernel;
    final int stride;
    final int pad;
    final int weightOffset;
    final int biasOffset;

    Conv2d(ParameterLayout layout, String name, int inChannels, int outChannels, int kernel, int stride) {
        if (kernel != 1 && kernel != 3 || stride != 1 && stride != 2 || kernel == 1 && stride != 1) {
            throw new IllegalArgumentException(name + ": kernel " + kernel + " stride " + stride + " not supported");
        }
        this.name = name;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.pad = kernel / 2;
        int fanIn = inChannels * kernel * kernel;
        this.weightOffset = layout.allocate(name + ".weight", ParameterLayout.Init.uniform(fanIn),
                outChannels, inChannels, kernel, kernel);
        this.biasOffset = layout.allocate(name + ".bias", ParameterLayout.Init.uniform(fanIn), outChannels);
    }

    int outSize(int size) {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    /** Multiply-accumulates for one image of {@code height}×{@code width} input. */
    long macsPerImage(int height, int width) {
        return (long) outSize(height) * outSize(width) * outChannels * inChannels * kernel * kernel;
    }

    private int patch() {
        return inChannels * kernel * kernel;
    }

    /** Output positions per block of the backward pass, a multiple of the kernels' column alignment. */
    private int blockColumns(Kernels kernels, int columns) {
        return blockColumns(Math.max(16, kernels.gemm().columnAlignment() * 4), columns);
    }

    private int blockColumns(int align, int columns) {
        int block = Math.max(align, BLOCK_FLOATS / patch() / align * align);
        return Math.min(block, (columns + align - 1) / align * align);
    }

    /**
     * The output for input {@code x}. Layers where {@link BorderedImageConvolution} is faster (3×3 stride 1 on the
     * larger planes) read the receptive fields in place; everything else goes through im2col blocks. Either way the
     * output positions are split into up to {@link Kernels#threads()} ranges, one per thread, each at least two
     * register tiles wide and cut at tile boundaries, and every output element is computed as it would be unsplit,
     * summing in the same order on both paths.
     */
    Tensor forward(float[] params, Tensor x, Kernels kernels) {
        checkInput(x);
        return forwardInto(params, x, kernels, Tensor.zeros(outChannels, x.batch(), outSize(x.height()),
                outSize(x.width())));
    }

    /**
     * {@link #forward} into {@code out}, a tensor of the output's shape whose contents are overwritten (they may be
     * left over from other use, see {@link TensorPool}); returns {@code out}.
     */
    Tensor forwardInto(float[] params, Tensor x, Kernels kernels, Tensor out) {
        checkInput(x);
        checkOutput(x, out);
        // Vector kernels exist only where the Vector API module is, which the Winograd path's class needs to load.
        if (kernels.gemm().columnAlignment() > 1 && WinogradConvolution.applies(this, x, kernels)) {
            return WinogradConvolution.forward(this, params, x, kernels, out);
        }
        if (BorderedImageConvolution.applies(this, x, kernels)) {
            return BorderedImageConvolution.forward(this, params, x, kernels, out);
        }
        return forwardIm2col(params, x, kernels, out, false);
    }

    /** The forward pass through im2col blocks, for every shape and batch; see {@link #forward}. */
    Tensor forwardIm2col(float[] params, Tensor x, Kernels kernels) {
        checkInput(x);
        return forwardIm2col(params, x, kernels, Tensor.zeros(outChannels, x.batch(), outSize(x.height()),
                outSize(x.width())), false);
    }

    /**
     * Adds this layer's output for input {@code x} onto {@code target}: a residual block's 1×1 skip
     * convolution lands on the block's output this way, without a tensor of its own and a second pass to add it.
     */
    void forwardAdding(float[] params, Tensor x, Kernels kernels, Tensor target) {
        checkInput(x);
        checkOutput(x, target);
        forwardIm2col(params, x, kernels, target, true);
    }

    /** The im2col forward pass into {@code y}, overwriting it, or added onto what it holds when {@code adding}. */
    private Tensor forwardIm2col(float[] params, Tensor x, Kernels kernels, Tensor y, boolean adding) {
        int columns = y.plane();
        int tile = kernels.gemm().columnAlignment() * 3;
        int parts = parts(kernels, columns, tile);
        // Blocks of whole 4×3 and 4×4 register tiles (12 vectors wide), so no block ends in a narrower edge tile.
        int block = blockColumns(Math.max(12, kernels.gemm().columnAlignment() * 12),
                Parallel.start(columns, parts, 1, tile));
        Im2col im2col = kernel == 1 ? null
                : new Im2col(kernel, stride, pad, x.height(), x.width(), block, kernels.pointwise());
        Parallel.run(parts, p -> {
            int from = Parallel.start(columns, parts, p, tile);
            int to = Parallel.start(columns, parts, p + 1, tile);
            forwardColumns(params, x, kernels, im2col, block, from, to, y.data(), columns, adding);
        });
        return y;
    }

    /** Threads for {@code columns} output positions: at most one per two tiles and per {@link #MIN_MACS_PER_PART}. */
    int parts(Kernels kernels, int columns, int tile) {
        long macsPerColumn = (long) outChannels * patch();
        return (int) Math.max(1, Math.min(kernels.threads(),
                Math.min(columns / (2 * tile), macsPerColumn * columns / MIN_MACS_PER_PART)));
    }

    /**
     * Output positions [from, to) of every output channel: bias, then W times their receptive fields; the bias is
     * added to what {@code out} holds when {@code adding}, else it replaces it.
     */
    private void forwardColumns(float[] params, Tensor x, Kernels kernels, Im2col im2col, int block, int from, int to,
                                float[] out, int columns, boolean adding) {
        for (int co = 0; co < outChannels; co++) {
            float bias = params[biasOffset + co];
            if (adding) {
                for (int i = co * columns + from; i < co * columns + to; i++) {
                    out[i] += bias;
                }
            } else {
                Arrays.fill(out, co * columns + from, co * columns + to, bias);
            }
        }
        Gemm gemm = kernels.gemm();
        if (kernel == 1) {
            int aligned = (to - from) / gemm.columnAlignment() * gemm.columnAlignment();
            gemm.multiply(outChannels, aligned, inChannels, params, weightOffset, inChannels, 1, x.data(), from,
                    columns, out, from, columns, true);
            if (aligned < to - from) {
                // The last few positions (49 at 7×7, one image) are copied out to a whole vector's width.
                int count = to - from - aligned;
                int lanes = gemm.columnAlignment();
                float[] col = scratch(inChannels * lanes);
                for (int ci = 0; ci < inChannels; ci++) {
                    System.arraycopy(x.data(), ci * columns + from + aligned, col, ci * lanes, count);
                }
                multiplyPadded(gemm, params, col, count, out, from + aligned, columns);
            }
            return;
        }
        int patch = patch();
        float[] col = scratch(patch * block);
        for (int first = from; first < to; first += block) {
            int count = Math.min(block, to - first);
            int padded = roundUp(count, gemm.columnAlignment());
            im2col.fill(x, first, count, col, padded);
            if (padded == count) {
                gemm.multiply(outChannels, count, patch, params, weightOffset, patch, 1, col, 0, padded,
                        out, first, columns, true);
            } else {
                multiplyPadded(gemm, params, col, count, out, first, columns);
            }
        }
    }

    /**
     * Adds W times a ragged block of {@code count} columns, laid out in {@code col} one row per weight column at the
     * stride of {@code count} rounded up to the vector width, onto output positions from {@code first}: the product
     * runs at full vector width on zero-padded columns into a scratch block, then is added into place.
     */
    private void multiplyPadded(Gemm gemm, float[] params, float[] col, int count, float[] out, int first,
                                int columns) {
        int rows = kernel * kernel * inChannels;
        int padded = roundUp(count, gemm.columnAlignment());
        for (int r = 0; r < rows; r++) {
            Arrays.fill(col, r * padded + count, (r + 1) * padded, 0f);
        }
        float[] tail = new float[outChannels * padded];
        gemm.multiply(outChannels, padded, rows, params, weightOffset, rows, 1, col, 0, padded, tail, 0, padded,
                false);
        for (int co = 0; co < outChannels; co++) {
            for (int i = 0; i < count; i++) {
                out[co * columns + first + i] += tail[co * padded + i];
            }
        }
    }

    /**
     * Adds this layer's weight and bias gradients for output gradient {@code dy} at input {@code x} into
     * {@code grads}, and returns the input gradient, or null when {@code inputGradient} is false.
     */
    Tensor backward(float[] params, float[] grads, Tensor x, Tensor dy, Kernels kernels, boolean inputGradient) {
        checkInput(x);
        int columns = dy.plane();
        float[] g = dy.data();
        for (int co = 0; co < outChannels; co++) {
            grads[biasOffset + co] += (float) kernels.pointwise().sum(g, co * columns, (co + 1) * columns);
        }
        Tensor dx = inputGradient ? x.zerosLike() : null;
        if (kernel == 1) {
            kernels.gemm().multiplyTransposedB(outChannels, inChannels, columns, g, 0, columns, x.data(), 0, columns,
                    grads, weightOffset, inChannels);
            if (inputGradient) {
                kernels.gemm().multiply(inChannels, columns, outChannels, params, weightOffset, 1, inChannels, g, 0, columns,
                        dx.data(), 0, columns, false);
            }
            return dx;
        }
        int patch = patch();
        int block = blockColumns(kernels, columns);
        float[] col = new float[patch * block];
        Im2col im2col = new Im2col(kernel, stride, pad, x.height(), x.width(), block, kernels.pointwise());
        // The weight gradient is accumulated transposed, dWᵀ += col·dyᵀ, a plain product whose long inner dimension
        // (the block's positions) needs no horizontal vector sums; it is transposed back once at the end.
        float[] dyTransposed = new float[block * outChannels];
        float[] weightGradientTransposed = new float[patch * outChannels];
        for (int first = 0; first < columns; first += block) {
            int count = Math.min(block, columns - first);
            im2col.fill(x, first, count, col, count);
            if (outChannels < kernels.gemm().columnAlignment()) {
                // Too few output channels to fill a vector: dot products along the block instead.
                kernels.gemm().multiplyTransposedB(outChannels, patch, count, g, first, columns, col, 0, count,
                        grads, weightOffset, patch);
            } else {
                for (int co = 0; co < outChannels; co++) {
                    int row = co * columns + first;
                    for (int i = 0; i < count; i++) {
                        dyTransposed[i * outChannels + co] = g[row + i];
                    }
                }
                kernels.gemm().multiply(patch, outChannels, count, col, 0, count, 1, dyTransposed, 0, outChannels,
                        weightGradientTransposed, 0, outChannels, true);
            }
            if (inputGradient) {
                kernels.gemm().multiply(patch, count, outChannels, params, weightOffset, 1, patch, g, first, columns,
                        col, 0, count, false);
                im2col.scatterAdd(col, count, first, count, dx);
            }
        }
        for (int co = 0; co < outChannels; co++) {
            for (int p = 0; p < patch; p++) {
                grads[weightOffset + co * patch + p] += weightGradientTransposed[p * outChannels + co];
            }
        }
        return dx;
    }

    /**
     * This thread's im2col buffer of at least {@code length} floats. Reused from call to call: a fresh array would be
     * zeroed on every call (up to half a megabyte, a noticeable share of a one-image forward pass), and im2col writes
     * every entry the product then reads, so old contents never leak into a result.
     */
    private static float[] scratch(int length) {
        float[] buffer = SCRATCH.get();
        if (buffer.length < length) {
            buffer = new float[length];
            SCRATCH.set(buffer);
        }
        return buffer;
    }

    private void checkInput(Tensor x) {
        if (x.channels() != inChannels) {
            throw new IllegalArgumentException(name + " expects " + inChannels + " channels, got " + x.channels());
        }
    }

    private void checkOutput(Tensor x, Tensor out) {
        if (!out.hasShape(outChannels, x.batch(), outSize(x.height()), outSize(x.width()))) {
            throw new IllegalArgumentException(name + " cannot write its output into a " + out.shape() + " tensor");
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}

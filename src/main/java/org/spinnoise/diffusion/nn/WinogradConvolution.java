package org.spinnoise.diffusion.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass of a 3×3, stride-1 {@link Conv2d} by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray,
 * "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): each 2×2 block of outputs comes from the 4×4 input
 * patch around it as Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so the products per output fall from 9·in to 4·in, and what is left
 * is 16 matrix products (one per position ξ of the 4×4 transformed patch) of the transformed weights, out × in, by
 * the transformed patches, in × tiles. Each image is split into the four planes of its even and odd rows and columns
 * ({@link BorderedImageConvolution.Layout} at stride 2), where the 16 inputs a tile needs lie at fixed offsets from
 * the tile's own position, so the transforms run on vectors of consecutive tiles. Tiles are taken in chunks whose
 * transformed patches stay in the core's L2 cache. The transforms' coefficients are 0, ±1 and ±1/2, exact in binary;
 * the result differs from the direct sum by rounding only, within the forward error bound of a bilinear algorithm
 * (see its test). Inference and training forward passes use it on vector kernels, for several images of even size
 * ({@link #applies}); one image, odd sizes and the scalar kernels keep the direct sum.
 */
final class WinogradConvolution {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Floats of transformed patches per chunk (16 × in × tiles): 32 Ki floats, 128 KiB, so patches and products stay
     * in L2 beside the weights. In whole-pass comparisons at batch 16, 32 Ki gave 0.90–0.93 of the time without this
     * path, 64 Ki 0.94, 128 Ki 0.96 and 12 Ki (a single tile column per chunk) 0.97.
     */
    private static final int CHUNK_FLOATS = 32 * 1024;
    /**
     * Fewest input channels. Per layer at batch 16, as a share of the bordered direct path's time (alternated in one
     * JVM, several runs): 1.35–1.55 with 16 input channels; with the U-Net's 32 to 128, 0.72–0.96 on 32→32 at 28×28,
     * 64→64 and 128→64 at 14×14 and 96→32 at 28×28, but 1.34–1.35 on 32→64 at 14×14. The whole pass gains
     * (see {@link #MIN_IMAGES}).
     */
    private static final int MIN_IN_CHANNELS = 32;
    /**
     * Fewest images per call: the weights are transformed on every call, which one image does not repay. Whole
     * forward passes with this path on, as a share of the time with it off (alternated in one JVM, median of 15):
     * 1.10 at batch 1 on one thread and 1.30 on two, 0.97 at batch 4, 0.90–0.92 at batch 16.
     */
    private static final int MIN_IMAGES = 2;
    /** Fewest output channels: a single output row runs the products through a latency-bound one-row tile. */
    private static final int MIN_OUT_CHANNELS = 8;

    private static final ThreadLocal<float[]> PLANES = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PATCHES = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PRODUCTS = ThreadLocal.withInitial(() -> new float[0]);

    private WinogradConvolution() {
    }

    /** True when {@code conv} on {@code x} takes this path; only ever asked with vector kernels. */
    static boolean applies(Conv2d conv, Tensor x, Kernels kernels) {
        return x.batch() >= MIN_IMAGES && conv.kernel == 3 && conv.stride == 1
                && kernels.gemm().columnAlignment() == LANES && LANES >= 8
                && conv.inChannels >= MIN_IN_CHANNELS && conv.outChannels >= MIN_OUT_CHANNELS
                && x.height() % 2 == 0 && x.width() % 2 == 0 && x.height() >= 4 && x.width() >= 4;
    }

    /** Writes {@code conv}'s output for {@code x} into every element of {@code y} and returns it. */
    static Tensor forward(Conv2d conv, float[] params, Tensor x, Kernels kernels, Tensor y) {
        int in = conv.inChannels;
        int out = conv.outChannels;
        int height = x.height();
        int width = x.width();
        // The four parity planes of an image: tile (ty, tx) is at wide position ty·R + tx, its patch's rows
        // 2ty−1 … 2ty+2 in the odd, even, odd and even row planes at rows ty−1, ty, ty, ty+1, and so its columns.
        BorderedImageConvolution.Layout layout = new BorderedImageConvolution.Layout(2, height / 2, width / 2, LANES);
        int rowLength = layout.rowLength;
        int tiles = layout.wide;
        // Reads reach a row and a column past the last tile's: zeros beyond the last plane.
        int length = 4 * in * layout.plane + 2 * rowLength + 2 + LANES;
        float[] planes = BorderedImageConvolution.scratch(PLANES, length);
        float[] weights = transformedWeights(conv, params);
        int chunk = Math.max(3 * LANES, CHUNK_FLOATS / (16 * in) / (3 * LANES) * (3 * LANES));
        int chunks = (tiles + chunk - 1) / chunk;
        int parts = Math.max(1, Math.min(kernels.threads(), chunks));
        int[] corners = corners(layout, y.width());
        for (int n = 0; n < x.batch(); n++) {
            BorderedImageConvolution.border(x, n, layout, planes, length);
            int image = n;
            Parallel.run(parts, p -> {
                float[] patches = BorderedImageConvolution.scratch(PATCHES, 16 * in * chunk);
                float[] products = BorderedImageConvolution.scratch(PRODUCTS, 16 * out * chunk);
                for (int c = Parallel.start(chunks, parts, p, 1); c < Parallel.start(chunks, parts, p + 1, 1); c++) {
                    int first = c * chunk;
                    int count = Math.min(chunk, tiles - first);
                    transformInput(planes, layout, in, first, count, patches);
                    for (int xi = 0; xi < 16; xi++) {
                        kernels.gemm().multiply(out, count, in, weights, xi * out * in, in, 1, patches,
                                xi * in * count, count, products, xi * out * count, count, false);
                    }
                    transformOutput(conv, params, products, out, first, count, corners, y, image);
                }
            });
        }
        return y;
    }

    /** U[ξ][co][ci] = (G g Gᵀ)[ξ] for each 3×3 kernel g, G = [[1,0,0],[½,½,½],[½,−½,½],[0,0,1]]. */
    private static float[] transformedWeights(Conv2d conv, float[] params) {
        int in = conv.inChannels;
        int out = conv.outChannels;
        float[] u = new float[16 * out * in];
        float[] rows = new float[12];
        for (int co = 0; co < out; co++) {
            for (int ci = 0; ci < in; ci++) {
                int g = conv.weightOffset + (co * in + ci) * 9;
                // G·g: four rows of three.
                for (int c = 0; c < 3; c++) {
                    float g0 = params[g + c];
                    float g1 = params[g + 3 + c];
                    float g2 = params[g + 6 + c];
                    rows[c] = g0;
                    rows[3 + c] = 0.5f * (g0 + g1 + g2);
                    rows[6 + c] = 0.5f * (g0 - g1 + g2);
                    rows[9 + c] = g2;
                }
                // (G·g)·Gᵀ: each row of three becomes four.
                for (int r = 0; r < 4; r++) {
                    float h0 = rows[3 * r];
                    float h1 = rows[3 * r + 1];
                    float h2 = rows[3 * r + 2];
                    int base = (co * in + ci);
                    u[(4 * r) * out * in + base] = h0;
                    u[(4 * r + 1) * out * in + base] = 0.5f * (h0 + h1 + h2);
                    u[(4 * r + 2) * out * in + base] = 0.5f * (h0 - h1 + h2);
                    u[(4 * r + 3) * out * in + base] = h2;
                }
            }
        }
        return u;
    }

    /**
     * V[ξ][ci][t] = (Bᵀ d B)[ξ] for tiles [first, first + count) of every input channel, d the tile's 4×4 patch,
     * Bᵀ = [[1,0,−1,0],[0,1,1,0],[0,−1,1,0],[0,1,0,−1]]; {@code count} is a whole number of vectors. Row i of Bᵀ d
     * combines two patch rows, so each row of the result is one small step ({@link #transformRow}).
     */
    private static void transformInput(float[] planes, BorderedImageConvolution.Layout layout, int in, int first,
                                       int count, float[] patches) {
        int r = layout.rowLength;
        int plane = layout.plane;
        int stride = in * count;
        for (int ci = 0; ci < in; ci++) {
            // Planes by (row parity, column parity): ee, eo, oe, oo. Patch rows 0..3 lie in the odd-row planes one
            // row up, the even-row planes, the odd-row planes and the even-row planes one row down.
            int evenRows = 4 * ci * plane + layout.origin;
            int oddRows = evenRows + 2 * plane;
            int row0 = oddRows - r;
            int row1 = evenRows;
            int row2 = oddRows;
            int row3 = evenRows + r;
            for (int t = 0; t < count; t += LANES) {
                int w = first + t;
                int at = ci * count + t;
                // Bᵀ d: d0 − d2, d1 + d2, d2 − d1, d1 − d3.
                transformRow(planes, plane, row0 + w, row2 + w, false, patches, at, stride);
                transformRow(planes, plane, row1 + w, row2 + w, true, patches, at + 4 * stride, stride);
                transformRow(planes, plane, row2 + w, row1 + w, false, patches, at + 8 * stride, stride);
                transformRow(planes, plane, row1 + w, row3 + w, false, patches, at + 12 * stride, stride);
            }
        }
    }

    /**
     * One row of Bᵀ d B for a vector of tiles: the patch rows starting at {@code p} and {@code q} (each a pair of
     * column-parity planes, even then odd, {@code plane} apart) as p + q or p − q, then across columns:
     * (c0 − c2, c1 + c2, c2 − c1, c1 − c3), columns 0..3 being odd at −1, even at 0, odd at 0, even at +1.
     * Only arrays and numbers cross the call, so nothing is boxed when it is not inlined.
     */
    private static void transformRow(float[] planes, int plane, int p, int q, boolean add, float[] patches, int at,
                                     int stride) {
        FloatVector c0 = combine(planes, p + plane - 1, q + plane - 1, add);
        FloatVector c1 = combine(planes, p, q, add);
        FloatVector c2 = combine(planes, p + plane, q + plane, add);
        FloatVector c3 = combine(planes, p + 1, q + 1, add);
        c0.sub(c2).intoArray(patches, at);
        c1.add(c2).intoArray(patches, at + stride);
        c2.sub(c1).intoArray(patches, at + 2 * stride);
        c1.sub(c3).intoArray(patches, at + 3 * stride);
    }

    private static FloatVector combine(float[] planes, int p, int q, boolean add) {
        FloatVector a = load(planes, p);
        FloatVector b = load(planes, q);
        return add ? a.add(b) : a.sub(b);
    }

    /**
     * For each wide tile position, where its top-left output lies within an output plane, or −1 for the spare
     * positions at the end of each row of tiles and past the last tile.
     */
    private static int[] corners(BorderedImageConvolution.Layout layout, int width) {
        int[] corners = new int[layout.wide];
        for (int w = 0; w < corners.length; w++) {
            int ty = w / layout.rowLength;
            int tx = w % layout.rowLength;
            corners[w] = ty < layout.outHeight && tx < layout.outWidth ? 2 * ty * width + 2 * tx : -1;
        }
        return corners;
    }

    /**
     * Y = Aᵀ M A + bias for tiles [first, first + count), Aᵀ = [[1,1,1,0],[0,1,−1,−1]], written to the 2×2 outputs
     * of each real tile of image n; the wide layout's spare tiles are dropped.
     */
    private static void transformOutput(Conv2d conv, float[] params, float[] products, int out, int first, int count,
                                        int[] corners, Tensor y, int n) {
        int width = y.width();
        float[] data = y.data();
        float[] lanes = new float[4 * LANES];
        int stride = out * count;
        for (int co = 0; co < out; co++) {
            float bias = params[conv.biasOffset + co];
            int imageBase = (co * y.batch() + n) * y.height() * width;
            for (int t = 0; t < count; t += LANES) {
                transformOutputVector(products, co * count + t, stride, bias, lanes);
                for (int lane = 0; lane < LANES; lane++) {
                    int corner = corners[first + t + lane];
                    if (corner < 0) {
                        continue;
                    }
                    int o = imageBase + corner;
                    data[o] = lanes[lane];
                    data[o + 1] = lanes[LANES + lane];
                    data[o + width] = lanes[2 * LANES + lane];
                    data[o + width + 1] = lanes[3 * LANES + lane];
                }
            }
        }
    }

    /**
     * The 2×2 outputs of a vector of tiles into {@code lanes} (y00, y01, y10, y11, a vector each): Aᵀ·M, whose row 0
     * sums rows 0–2 of M and row 1 is rows 1 − 2 − 3 (column k of M being position ξ = 4·row + k), then the same
     * across columns, plus the bias.
     */
    private static void transformOutputVector(float[] products, int at, int stride, float bias, float[] lanes) {
        FloatVector a0 = rowSum(products, at, stride);
        FloatVector a1 = rowSum(products, at + stride, stride);
        FloatVector a2 = rowSum(products, at + 2 * stride, stride);
        FloatVector a3 = rowSum(products, at + 3 * stride, stride);
        a0.add(a1).add(a2).add(bias).intoArray(lanes, 0);
        a1.sub(a2).sub(a3).add(bias).intoArray(lanes, LANES);
        FloatVector b0 = rowDifference(products, at, stride);
        FloatVector b1 = rowDifference(products, at + stride, stride);
        FloatVector b2 = rowDifference(products, at + 2 * stride, stride);
        FloatVector b3 = rowDifference(products, at + 3 * stride, stride);
        b0.add(b1).add(b2).add(bias).intoArray(lanes, 2 * LANES);
        b1.sub(b2).sub(b3).add(bias).intoArray(lanes, 3 * LANES);
    }

    /** M[k] + M[4 + k] + M[8 + k], column k starting at {@code at}, positions {@code stride} floats apart. */
    private static FloatVector rowSum(float[] products, int at, int stride) {
        return load(products, at).add(load(products, at + 4 * stride)).add(load(products, at + 8 * stride));
    }

    /** M[4 + k] − M[8 + k] − M[12 + k]. */
    private static FloatVector rowDifference(float[] products, int at, int stride) {
        return load(products, at + 4 * stride).sub(load(products, at + 8 * stride))
                .sub(load(products, at + 12 * stride));
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }
}

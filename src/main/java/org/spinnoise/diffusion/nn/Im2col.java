package org.spinnoise.diffusion.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lays out the receptive fields of a block of convolution outputs as the columns of a matrix (im2col), so the
 * convolution becomes one matrix product, and scatters a gradient matrix of that shape back onto the input (col2im).
 * Row (ci, dy, dx) of the matrix holds, for each output position of the block, the input value that kernel tap sees
 * (zero where it falls in the padding). Columns are output positions (n, oy, ox) in channel-major order, a block being
 * {@code count} consecutive positions from {@code firstColumn}; a row of the matrix starts every {@code ld} floats.
 * One instance serves one convolution call on one input size.
 *
 * <p>For the common 3×3, stride-1, padding-1 case each row is the input plane shifted by (dy−1)·width + (dx−1): one
 * bulk copy per row, multiplied by a 0/1 mask that zeroes the taps that wrapped across an image edge (a
 * {@link Pointwise} kernel, so it runs vectorised). Other shapes take the general loop, which is also the reference
 * the fast path is tested against.
 */
final class Im2col {

    private static final int CENTRE = 4;
    /** Masks by (height, width, length); a network has a handful of sizes, so this stays small. */
    private static final Map<Long, float[][]> MASKS = new ConcurrentHashMap<>();

    private final int kernel;
    private final int stride;
    private final int pad;
    private final int outHeight;
    private final int outWidth;
    private final Pointwise pointwise;
    /** Per tap, the 0/1 mask over output positions, periodic in the image size, long enough for any block. */
    private final float[][] masks;
    private final int imageSize;

    /**
     * @param height    input height
     * @param width     input width
     * @param maxCount  the most columns one block will have
     */
    Im2col(int kernel, int stride, int pad, int height, int width, int maxCount, Pointwise pointwise) {
        this.kernel = kernel;
        this.stride = stride;
        this.pad = pad;
        this.outHeight = (height + 2 * pad - kernel) / stride + 1;
        this.outWidth = (width + 2 * pad - kernel) / stride + 1;
        this.pointwise = pointwise;
        this.imageSize = outHeight * outWidth;
        boolean same3x3 = kernel == 3 && stride == 1 && pad == 1;
        this.masks = same3x3 ? cachedTapMasks(height, width, imageSize + maxCount) : null;
    }

    /** Fills the column block; entries past {@code count} in each row are left as they were. */
    void fill(Tensor x, int firstColumn, int count, float[] col, int ld) {
        if (masks != null) {
            fillSame3x3(x, firstColumn, count, col, ld);
        } else {
            general(x.data(), x, kernel, stride, pad, outHeight, outWidth, firstColumn, count, col, ld, false);
        }
    }

    /** Adds the column block's entries onto the input positions they came from; padding taps are dropped. */
    void scatterAdd(float[] col, int ld, int firstColumn, int count, Tensor dx) {
        if (masks != null) {
            scatterAddSame3x3(col, ld, firstColumn, count, dx);
        } else {
            general(dx.data(), dx, kernel, stride, pad, outHeight, outWidth, firstColumn, count, col, ld, true);
        }
    }

    /**
     * The general path, used for both directions: copy input→column or add column→input. It walks the block one
     * output row segment at a time, so the division that locates a segment happens once for all taps, and each tap's
     * valid output columns form one range computed up front, leaving the inner loops free of bounds tests.
     */
    static void general(float[] image, Tensor shape, int kernel, int stride, int pad, int outHeight, int outWidth,
                        int firstColumn, int count, float[] col, int ld, boolean scatter) {
        int height = shape.height();
        int width = shape.width();
        int plane = shape.plane();
        int outPlane = outHeight * outWidth;
        int channels = shape.channels();
        int done = 0;
        while (done < count) {
            int column = firstColumn + done;
            int n = column / outPlane;
            int rest = column - n * outPlane;
            int oy = rest / outWidth;
            int ox0 = rest - oy * outWidth;
            int length = Math.min(outWidth - ox0, count - done);
            for (int dx = 0; dx < kernel; dx++) {
                // ix = ox·stride − pad + dx lies in [0, width) for ox in [lo, hi).
                int lo = Math.max(ox0, Math.floorDiv(pad - dx + stride - 1, stride));
                int hi = Math.min(ox0 + length, Math.floorDiv(width - 1 + pad - dx, stride) + 1);
                for (int dy = 0; dy < kernel; dy++) {
                    int iy = oy * stride - pad + dy;
                    boolean rowInside = iy >= 0 && iy < height && hi > lo;
                    for (int ci = 0; ci < channels; ci++) {
                        int target = ((ci * kernel + dy) * kernel + dx) * ld + done - ox0;
                        int source = ci * plane + (n * height + iy) * width - pad + dx;
                        if (scatter) {
                            if (rowInside) {
                                for (int ox = lo; ox < hi; ox++) {
                                    image[source + ox * stride] += col[target + ox];
                                }
                            }
                        } else if (!rowInside) {
                            Arrays.fill(col, target + ox0, target + ox0 + length, 0f);
                        } else {
                            Arrays.fill(col, target + ox0, target + lo, 0f);
                            for (int ox = lo; ox < hi; ox++) {
                                col[target + ox] = image[source + ox * stride];
                            }
                            Arrays.fill(col, target + hi, target + ox0 + length, 0f);
                        }
                    }
                }
            }
            done += length;
        }
    }

    private void fillSame3x3(Tensor x, int firstColumn, int count, float[] col, int ld) {
        float[] data = x.data();
        int plane = x.plane();
        int width = x.width();
        int maskOffset = firstColumn % imageSize;
        for (int ci = 0; ci < x.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int row = (ci * 9 + tap) * ld;
                int source = ci * plane + firstColumn + (tap / 3 - 1) * width + (tap % 3 - 1);
                int lo = Math.min(count, Math.max(0, ci * plane - source));
                int hi = Math.max(lo, Math.min(count, (ci + 1) * plane - source));
                // Only taps reaching above the first or below the last input row have a range to clear; the
                // calls are skipped otherwise, as there are nine per channel and block.
                if (lo > 0) {
                    Arrays.fill(col, row, row + lo, 0f);
                }
                if (tap == CENTRE) {
                    System.arraycopy(data, source + lo, col, row + lo, hi - lo);
                } else {
                    pointwise.maskedCopy(data, source, masks[tap], maskOffset, col, row, lo, hi);
                }
                if (hi < count) {
                    Arrays.fill(col, row + hi, row + count, 0f);
                }
            }
        }
    }

    private void scatterAddSame3x3(float[] col, int ld, int firstColumn, int count, Tensor dx) {
        float[] data = dx.data();
        int plane = dx.plane();
        int width = dx.width();
        int maskOffset = firstColumn % imageSize;
        for (int ci = 0; ci < dx.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int row = (ci * 9 + tap) * ld;
                int target = ci * plane + firstColumn + (tap / 3 - 1) * width + (tap % 3 - 1);
                int lo = Math.max(0, ci * plane - target);
                int hi = Math.min(count, (ci + 1) * plane - target);
                pointwise.maskedAdd(col, row, masks[tap], maskOffset, data, target, lo, hi);
            }
        }
    }

    /**
     * The masks for an input size, built once per size and length and shared: every convolution call of a forward
     * pass needs them, and building them cost as much as the copies they serve at batch size 1. They are never
     * written after they are built.
     */
    private static float[][] cachedTapMasks(int height, int width, int length) {
        long key = (long) height << 42 | (long) width << 21 | length;
        return MASKS.computeIfAbsent(key, unused -> tapMasks(height, width, length));
    }

    /**
     * For each of the nine taps, a 0/1 weight per output position, counted from the start of an image and repeating
     * with the image size: 0 where the shifted copy wrapped across an image edge (the tap's input row above the top
     * or below the bottom, or its column left of the first or right of the last) and must read zero, 1 elsewhere.
     * Multiplying by it keeps the copy loops branch-free. The centre tap never wraps and is copied directly.
     */
    private static float[][] tapMasks(int height, int width, int length) {
        float[][] masks = new float[9][length];
        for (int i = 0; i < length; i++) {
            int ox = i % width;
            int oy = (i / width) % height;
            for (int tap = 0; tap < 9; tap++) {
                int iy = oy + tap / 3 - 1;
                int ix = ox + tap % 3 - 1;
                masks[tap][i] = iy >= 0 && iy < height && ix >= 0 && ix < width ? 1f : 0f;
            }
        }
        return masks;
    }
}

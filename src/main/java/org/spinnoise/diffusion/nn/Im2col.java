package org.spinnoise.diffusion.nn;

import java.util.Arrays;

/**
 * Lays out the receptive fields of a block of convolution outputs as the columns of a matrix (im2col), so the
 * convolution becomes one matrix product, and scatters a gradient matrix of that shape back onto the input (col2im).
 * Row (ci, dy, dx) of the matrix holds, for each output position of the block, the input value that kernel tap sees
 * (zero where it falls in the padding). Columns are output positions (n, oy, ox) in channel-major order, a block being
 * {@code count} consecutive positions from {@code firstColumn}; a row of the matrix starts every {@code ld} floats.
 *
 * <p>For the common 3×3, stride-1, padding-1 case each row is the input plane shifted by (dy−1)·width + (dx−1):
 * one bulk copy per row, then the few taps that wrapped across an image edge are zeroed. Other shapes take the
 * general loop, which is also the reference the fast path is tested against.
 */
final class Im2col {

    private Im2col() {
    }

    /** Fills the column block; entries past {@code count} in each row are left as they were. */
    static void fill(Tensor x, int kernel, int stride, int pad, int outHeight, int outWidth, int firstColumn,
                     int count, float[] col, int ld) {
        if (isSame3x3(x, kernel, stride, pad, outHeight, outWidth)) {
            fillSame3x3(x, firstColumn, count, col, ld);
        } else {
            general(x.data(), x, kernel, stride, pad, outHeight, outWidth, firstColumn, count, col, ld, false);
        }
    }

    /** Adds the column block's entries onto the input positions they came from; padding taps are dropped. */
    static void scatterAdd(float[] col, int ld, int firstColumn, int count, Tensor dx, int kernel, int stride,
                           int pad, int outHeight, int outWidth) {
        if (isSame3x3(dx, kernel, stride, pad, outHeight, outWidth)) {
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

    private static boolean isSame3x3(Tensor x, int kernel, int stride, int pad, int outHeight, int outWidth) {
        return kernel == 3 && stride == 1 && pad == 1 && outHeight == x.height() && outWidth == x.width();
    }

    private static void fillSame3x3(Tensor x, int firstColumn, int count, float[] col, int ld) {
        float[] data = x.data();
        int plane = x.plane();
        int width = x.width();
        int[][] wrapped = wrappedTaps(firstColumn, count, x.height(), width);
        for (int ci = 0; ci < x.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int row = (ci * 9 + tap) * ld;
                int source = ci * plane + firstColumn + (tap / 3 - 1) * width + (tap % 3 - 1);
                int lo = Math.min(count, Math.max(0, ci * plane - source));
                int hi = Math.max(lo, Math.min(count, (ci + 1) * plane - source));
                Arrays.fill(col, row, row + lo, 0f);
                if (hi > lo) {
                    System.arraycopy(data, source + lo, col, row + lo, hi - lo);
                }
                Arrays.fill(col, row + hi, row + count, 0f);
                zero(col, row, wrapped[tap]);
            }
        }
    }

    private static void scatterAddSame3x3(float[] col, int ld, int firstColumn, int count, Tensor dx) {
        float[] data = dx.data();
        int plane = dx.plane();
        int width = dx.width();
        int[][] wrapped = wrappedTaps(firstColumn, count, dx.height(), width);
        for (int ci = 0; ci < dx.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int row = (ci * 9 + tap) * ld;
                zero(col, row, wrapped[tap]);
                int target = ci * plane + firstColumn + (tap / 3 - 1) * width + (tap % 3 - 1);
                int lo = Math.max(0, ci * plane - target);
                int hi = Math.min(count, (ci + 1) * plane - target);
                for (int i = lo; i < hi; i++) {
                    data[target + i] += col[row + i];
                }
            }
        }
    }

    /** Sets {@code col[row + p] = 0} for each p in {@code positions} (its first entry is the count). */
    private static void zero(float[] col, int row, int[] positions) {
        for (int i = 1; i <= positions[0]; i++) {
            col[row + positions[i]] = 0f;
        }
    }

    /**
     * For each of the nine taps, the positions within the block (relative to its first column) where the shifted
     * copy wrapped across an image edge and must read zero instead: every position of an output row whose tap row
     * is above the top (dy = 0, oy = 0) or below the bottom (dy = 2, oy = height−1), and the first (dx = 0) or last
     * (dx = 2) column of every row. Computed once per block and shared by all input channels.
     */
    private static int[][] wrappedTaps(int firstColumn, int count, int height, int width) {
        int rows = count / width + 2;
        int[][] positions = new int[9][];
        for (int tap = 0; tap < 9; tap++) {
            positions[tap] = new int[1 + rows + (tap / 3 == 1 ? 0 : count)];
        }
        int end = firstColumn + count;
        for (int rowStart = firstColumn - Math.floorMod(firstColumn, width); rowStart < end; rowStart += width) {
            int oy = (rowStart / width) % height;
            int from = Math.max(rowStart, firstColumn);
            int to = Math.min(rowStart + width, end);
            for (int tap = 0; tap < 9; tap++) {
                int dy = tap / 3;
                int dx = tap % 3;
                int[] list = positions[tap];
                if (dy == 0 && oy == 0 || dy == 2 && oy == height - 1) {
                    for (int c = from; c < to; c++) {
                        list[++list[0]] = c - firstColumn;
                    }
                } else if (dx != 1) {
                    int edge = rowStart + (dx == 0 ? 0 : width - 1);
                    if (edge >= from && edge < to) {
                        list[++list[0]] = edge - firstColumn;
                    }
                }
            }
        }
        return positions;
    }
}

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

    /** The general path, used for both directions: copy input→column or add column→input. */
    static void general(float[] image, Tensor shape, int kernel, int stride, int pad, int outHeight, int outWidth,
                        int firstColumn, int count, float[] col, int ld, boolean scatter) {
        int height = shape.height();
        int width = shape.width();
        int plane = shape.plane();
        int outPlane = outHeight * outWidth;
        for (int ci = 0; ci < shape.channels(); ci++) {
            for (int dy = 0; dy < kernel; dy++) {
                for (int dx = 0; dx < kernel; dx++) {
                    int row = ((ci * kernel + dy) * kernel + dx) * ld;
                    int done = 0;
                    while (done < count) {
                        int column = firstColumn + done;
                        int n = column / outPlane;
                        int rest = column - n * outPlane;
                        int oy = rest / outWidth;
                        int ox0 = rest - oy * outWidth;
                        int length = Math.min(outWidth - ox0, count - done);
                        int iy = oy * stride - pad + dy;
                        int rowBase = ci * plane + (n * height + iy) * width;
                        for (int i = 0; i < length; i++) {
                            int ix = (ox0 + i) * stride - pad + dx;
                            boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            if (scatter) {
                                if (inside) {
                                    image[rowBase + ix] += col[row + done + i];
                                }
                            } else {
                                col[row + done + i] = inside ? image[rowBase + ix] : 0f;
                            }
                        }
                        done += length;
                    }
                }
            }
        }
    }

    private static boolean isSame3x3(Tensor x, int kernel, int stride, int pad, int outHeight, int outWidth) {
        return kernel == 3 && stride == 1 && pad == 1 && outHeight == x.height() && outWidth == x.width();
    }

    private static void fillSame3x3(Tensor x, int firstColumn, int count, float[] col, int ld) {
        float[] data = x.data();
        int plane = x.plane();
        int width = x.width();
        for (int ci = 0; ci < x.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int dy = tap / 3;
                int dx = tap % 3;
                int row = (ci * 9 + tap) * ld;
                int source = ci * plane + firstColumn + (dy - 1) * width + (dx - 1);
                int lo = Math.min(count, Math.max(0, ci * plane - source));
                int hi = Math.min(count, (ci + 1) * plane - source);
                if (lo > 0) {
                    Arrays.fill(col, row, row + lo, 0f);
                }
                if (hi > lo) {
                    System.arraycopy(data, source + lo, col, row + lo, hi - lo);
                }
                if (hi < count) {
                    Arrays.fill(col, row + Math.max(hi, 0), row + count, 0f);
                }
                zeroWrappedTaps(col, row, firstColumn, count, x.height(), width, dy, dx);
            }
        }
    }

    private static void scatterAddSame3x3(float[] col, int ld, int firstColumn, int count, Tensor dx) {
        float[] data = dx.data();
        int plane = dx.plane();
        int width = dx.width();
        for (int ci = 0; ci < dx.channels(); ci++) {
            for (int tap = 0; tap < 9; tap++) {
                int tapY = tap / 3;
                int tapX = tap % 3;
                int row = (ci * 9 + tap) * ld;
                zeroWrappedTaps(col, row, firstColumn, count, dx.height(), width, tapY, tapX);
                int target = ci * plane + firstColumn + (tapY - 1) * width + (tapX - 1);
                int lo = Math.max(0, ci * plane - target);
                int hi = Math.min(count, (ci + 1) * plane - target);
                for (int i = lo; i < hi; i++) {
                    data[target + i] += col[row + i];
                }
            }
        }
    }

    /**
     * Zeroes the entries of one shifted row whose tap fell outside its image: the whole output row when the tap's
     * input row is above the top or below the bottom, and the first (dx = 0) or last (dx = 2) column of every row.
     */
    private static void zeroWrappedTaps(float[] col, int row, int firstColumn, int count, int height, int width,
                                        int dy, int dx) {
        int end = firstColumn + count;
        if (dx != 1) {
            int edge = dx == 0 ? 0 : width - 1;
            int first = Math.floorDiv(firstColumn - edge + width - 1, width) * width + edge;
            for (int column = first; column < end; column += width) {
                col[row + column - firstColumn] = 0f;
            }
        }
        if (dy != 1) {
            int edgeRow = dy == 0 ? 0 : height - 1;
            int imageSize = height * width;
            int firstImage = firstColumn / imageSize;
            for (int n = firstImage; n * imageSize < end; n++) {
                int from = Math.max(firstColumn, n * imageSize + edgeRow * width);
                int to = Math.min(end, n * imageSize + (edgeRow + 1) * width);
                if (to > from) {
                    Arrays.fill(col, row + from - firstColumn, row + to - firstColumn, 0f);
                }
            }
        }
    }
}

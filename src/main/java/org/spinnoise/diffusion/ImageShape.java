package org.spinnoise.diffusion;

/**
 * The shape of one image as the samplers and networks see it: {@code channels} planes of {@code height} rows by
 * {@code width} columns. A batch of images is one {@code float[]} in NCHW order (image, channel, row, column), so image
 * {@code n} starts at {@code n * values()}.
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape needs positive sizes, got " + channels + "x" + height + "x" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width + " is too large");
        }
    }

    /** Values in one image: channels × height × width. */
    public int values() {
        return channels * height * width;
    }

    /** Values in a batch of {@code batch} images; refuses a batch that would not fit in one Java array. */
    public int values(int batch) {
        long n = (long) batch * values();
        if (batch < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + batch + " images of " + this + " does not fit in one array");
        }
        return (int) n;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}

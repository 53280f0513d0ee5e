package org.spinnoise.diffusion.nn;

/**
 * A batch of feature maps stored channel-major: element (c, n, y, x) at {@code data[((c*batch + n)*height + y)*width
 * + x]}. Keeping the whole batch of one channel contiguous lets a convolution be one matrix product over all images at
 * once, and makes concatenation along channels a plain array append. For one channel this equals the usual
 * image-major layout, so network inputs and outputs (1×28×28 images) need no reordering.
 */
public record Tensor(float[] data, int channels, int batch, int height, int width) {

    public Tensor {
        long size = (long) channels * batch * height * width;
        if (channels < 1 || batch < 1 || height < 1 || width < 1 || size != data.length) {
            throw new IllegalArgumentException("tensor " + channels + "×" + batch + "×" + height + "×" + width
                    + " does not match " + data.length + " floats");
        }
    }

    /** A zero tensor of this shape. */
    public static Tensor zeros(int channels, int batch, int height, int width) {
        return new Tensor(new float[channels * batch * height * width], channels, batch, height, width);
    }

    /** True when this tensor is channels × batch × height × width. */
    public boolean hasShape(int channels, int batch, int height, int width) {
        return this.channels == channels && this.batch == batch && this.height == height && this.width == width;
    }

    /** The shape for messages: channels×batch×height×width. */
    public String shape() {
        return channels + "×" + batch + "×" + height + "×" + width;
    }

    /** Elements of one channel over the whole batch. */
    public int plane() {
        return batch * height * width;
    }

    /** A zero tensor shaped like this one. */
    public Tensor zerosLike() {
        return zeros(channels, batch, height, width);
    }
}

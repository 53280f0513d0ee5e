package org.spinnoise.diffusion.data;

import org.spinnoise.diffusion.ImageShape;

/**
 * A set of 8-bit images with one class label each, as read from disk. Pixels stay bytes (0 … 255) to keep 60,000
 * images in 47 MB; {@link #copyScaled} turns an image into the model's range −1 … 1.
 *
 * @param shape  one image's shape
 * @param count  number of images
 * @param pixels {@code count × shape.values()} unsigned bytes, image after image
 * @param labels one class index per image
 */
public record LabelledImages(ImageShape shape, int count, byte[] pixels, byte[] labels) {

    public LabelledImages {
        if (pixels.length != (long) count * shape.values() || labels.length != count) {
            throw new IllegalArgumentException("labelled images: " + count + " images of " + shape + " need "
                    + (long) count * shape.values() + " pixels and " + count + " labels, got " + pixels.length + " and " + labels.length);
        }
    }

    public int label(int index) {
        return labels[index] & 0xff;
    }

    /** Pixel {@code p} (0 … values−1) of image {@code index}, 0 … 255. */
    public int pixel(int index, int p) {
        return pixels[index * shape.values() + p] & 0xff;
    }

    /** Writes image {@code index} into {@code out} from {@code offset}, mapped linearly from 0 … 255 to −1 … 1. */
    public void copyScaled(int index, float[] out, int offset) {
        int n = shape.values();
        int base = index * n;
        for (int i = 0; i < n; i++) {
            out[offset + i] = (pixels[base + i] & 0xff) * (2f / 255f) - 1f;
        }
    }
}

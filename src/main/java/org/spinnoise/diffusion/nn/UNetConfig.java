package org.spinnoise.diffusion.nn;

import java.util.Arrays;
import org.spinnoise.diffusion.ImageShape;

/**
 * The size of a {@link UNet}: image shape, channel width of each resolution level (level i works at 1/2^i of the
 * image size, so the size must be divisible by 2^(levels−1)), GroupNorm groups (dividing every width), and the
 * widths of the sinusoidal timestep embedding and of the time features derived from it.
 */
public record UNetConfig(ImageShape image, int[] levelChannels, int groups, int sinusoidDimension,
                         int timeFeatures) {

    public UNetConfig {
        levelChannels = levelChannels.clone();
        if (levelChannels.length < 1) {
            throw new IllegalArgumentException("a U-Net needs at least one level");
        }
        int divisor = 1 << (levelChannels.length - 1);
        if (image.height() % divisor != 0 || image.width() % divisor != 0) {
            throw new IllegalArgumentException("image " + image + " cannot be halved " + (levelChannels.length - 1)
                    + " times");
        }
        for (int c : levelChannels) {
            if (c < 1 || c % groups != 0) {
                throw new IllegalArgumentException("level width " + c + " is not a positive multiple of " + groups
                        + " groups");
            }
        }
        if (sinusoidDimension < 4 || sinusoidDimension % 2 != 0 || timeFeatures < 1) {
            throw new IllegalArgumentException("time embedding " + sinusoidDimension + "→" + timeFeatures
                    + " must have an even sinusoid width >= 4");
        }
    }

    /**
     * The built-in Fashion-MNIST model: 1×28×28 images, widths 32/64/64 at 28/14/7 pixels, 8 groups, a 32-wide
     * sinusoid and 128 time features; about 0.6 M parameters, 2.5 MB as float32.
     */
    public static UNetConfig fashionMnist() {
        return new UNetConfig(new ImageShape(1, 28, 28), new int[] {32, 64, 64}, 8, 32, 128);
    }

    @Override
    public int[] levelChannels() {
        return levelChannels.clone();
    }

    int levels() {
        return levelChannels.length;
    }

    int channels(int level) {
        return levelChannels[level];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UNetConfig other && image.equals(other.image)
                && Arrays.equals(levelChannels, other.levelChannels) && groups == other.groups
                && sinusoidDimension == other.sinusoidDimension && timeFeatures == other.timeFeatures;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levelChannels) * 31 + image.hashCode() + 7 * groups + 11 * sinusoidDimension
                + 13 * timeFeatures;
    }

    @Override
    public String toString() {
        return "UNet " + image + " levels " + Arrays.toString(levelChannels) + " groups " + groups + " time "
                + sinusoidDimension + "→" + timeFeatures;
    }
}

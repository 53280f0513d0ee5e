package org.spinnoise.diffusion.quality;

import java.util.Arrays;

/**
 * The reference set's side of every KID (the test images' features): its feature vectors, and for each of them the
 * mean kernel value to the other reference vectors, p_j, whose mean is the reference's term of the unbiased MMD². The
 * p_j are what a bootstrap needs to resample the reference to first order without its n × n kernel matrix. Built
 * once per evaluation in O(n² d) (10,000 test images of 128 features: about 6.4·10⁹ multiply-adds, half the square).
 */
public final class ReferenceKernel {
    private final float[] features;
    private final int count;
    private final int dims;
    private final double[] meanToOthers;
    private final double selfTerm;

    private ReferenceKernel(float[] features, int count, int dims) {
        if (count < 2) {
            throw new IllegalArgumentException("a reference needs at least 2 feature vectors, got " + count);
        }
        this.features = Arrays.copyOf(features, count * dims);
        this.count = count;
        this.dims = dims;
        double[] sums = CubicKernel.symmetricRowSums(this.features, count, dims);
        for (int j = 0; j < count; j++) {
            sums[j] /= count - 1;
        }
        this.meanToOthers = sums;
        this.selfTerm = Arrays.stream(sums).sum() / count;
    }

    /** The reference of {@code count} vectors of {@code dims} values stored one after another. */
    public static ReferenceKernel of(float[] features, int count, int dims) {
        return new ReferenceKernel(features, count, dims);
    }

    public int count() {
        return count;
    }

    public int dims() {
        return dims;
    }

    float[] features() {
        return features;
    }

    /** p_j: mean of k(y_j, y_j') over the other reference vectors j'. */
    double meanToOthers(int j) {
        return meanToOthers[j];
    }

    /** The reference's term of the unbiased MMD²: mean of k(y_j, y_j') over j ≠ j'. */
    double selfTerm() {
        return selfTerm;
    }
}

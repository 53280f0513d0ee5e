package org.spinnoise.diffusion.quality;

/**
 * The mean and covariance of a set of feature vectors, the summary a Fréchet distance compares. The covariance is the
 * unbiased one (divided by n − 1), as the reference FID implementations compute it.
 */
public final class GaussianFit {
    private final double[] mean;
    private final double[][] covariance;
    private final int samples;

    public GaussianFit(double[] mean, double[][] covariance, int samples) {
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException("a Gaussian fit of dimension " + mean.length + " needs a "
                    + mean.length + "×" + mean.length + " covariance");
        }
        this.mean = mean.clone();
        this.covariance = new double[mean.length][];
        for (int i = 0; i < mean.length; i++) {
            this.covariance[i] = covariance[i].clone();
        }
        this.samples = samples;
    }

    /** Fits {@code count} vectors of {@code dims} values stored one after another in {@code features}. */
    public static GaussianFit of(float[] features, int count, int dims) {
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + count);
        }
        if ((long) count * dims > features.length) {
            throw new IllegalArgumentException(count + " feature vectors of " + dims + " values need "
                    + (long) count * dims + " values, got " + features.length);
        }
        double[] mean = new double[dims];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < dims; i++) {
                mean[i] += features[n * dims + i];
            }
        }
        for (int i = 0; i < dims; i++) {
            mean[i] /= count;
        }
        double[][] cov = new double[dims][dims];
        double[] centred = new double[dims];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < dims; i++) {
                centred[i] = features[n * dims + i] - mean[i];
            }
            for (int i = 0; i < dims; i++) {
                double ci = centred[i];
                double[] row = cov[i];
                for (int j = i; j < dims; j++) {
                    row[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int j = i; j < dims; j++) {
                cov[i][j] /= count - 1;
                cov[j][i] = cov[i][j];
            }
        }
        return new GaussianFit(mean, cov, count);
    }

    public int dims() {
        return mean.length;
    }

    public int samples() {
        return samples;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        double[][] out = new double[covariance.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = covariance[i].clone();
        }
        return out;
    }
}

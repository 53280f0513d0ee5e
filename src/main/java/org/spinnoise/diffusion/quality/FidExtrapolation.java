package org.spinnoise.diffusion.quality;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * FID as the secondary column of an evaluation: the squared Fréchet distance of all of a source's images, and FID∞,
 * its value extrapolated to infinitely many images. FID's bias falls as 1/N (Chong and Forsyth, "Effectively Unbiased
 * FID and Inception Score and where to find them", CVPR 2020), so FID is measured on random subsets of
 * {@value #SIZES} sizes from m/{@value #SIZES} to m images and a line in 1/N is fitted by least squares; its intercept is
 * FID∞. Costs {@value #SIZES} Gaussian fits and Fréchet distances (about a second at m = 6,000 and 128 features).
 *
 * @param fid         squared Fréchet distance of all m images
 * @param fidInfinity the intercept of the fit of FID against 1/N; NaN below {@value #MIN_IMAGES} images
 */
public record FidExtrapolation(double fid, double fidInfinity) {
    static final int SIZES = 6;
    static final int MIN_IMAGES = 60;

    /** FID and FID∞ of the {@code count} feature vectors in {@code features} against {@code reference}. */
    public static FidExtrapolation of(float[] features, int count, int dims, GaussianFit reference, long seed) {
        double full = FrechetDistance.squared(GaussianFit.of(features, count, dims), reference);
        if (count < MIN_IMAGES) {
            return new FidExtrapolation(full, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] inverse = new double[SIZES];
        double[] fids = new double[SIZES];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        float[] subset = new float[count * dims];
        for (int k = 0; k < SIZES; k++) {
            int n = (int) ((long) count * (k + 1) / SIZES);
            if (n == count) {
                inverse[k] = 1.0 / count;
                fids[k] = full;
                continue;
            }
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(count - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                System.arraycopy(features, order[i] * dims, subset, i * dims, dims);
            }
            inverse[k] = 1.0 / n;
            fids[k] = FrechetDistance.squared(GaussianFit.of(subset, n, dims), reference);
        }
        double mx = Arrays.stream(inverse).average().orElseThrow();
        double my = Arrays.stream(fids).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < SIZES; k++) {
            sxy += (inverse[k] - mx) * (fids[k] - my);
            sxx += (inverse[k] - mx) * (inverse[k] - mx);
        }
        double slope = sxy / sxx;
        return new FidExtrapolation(full, my - slope * mx);
    }
}

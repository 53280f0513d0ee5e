package org.spinnoise.diffusion.quality;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The two-sample test between a noise source and the baseline (prng), both measured by KID against the same
 * reference with the same number of images m: the difference D = KID(source) − KID(baseline), its bootstrap interval,
 * a permutation p-value, and the smallest difference the test would detect at this size.
 *
 * <p>The permutation test relabels the 2m pooled images into two halves at random, which is exact under "the two
 * sources make the same image distribution". With equal halves D is a difference of sums of one score per image,
 * u_i = R_i / (m(m − 1)) − 2 r_i / m (R_i: the image's kernel sum to the other pooled images; r_i: its mean kernel
 * value to the reference), because the within-half sums of a relabelling add up to a fixed total; so a permutation
 * costs O(m), and the permutation variance of D is known exactly: 4m² s²/(2m − 1), s² the variance of the 2m scores.
 * The smallest detectable difference is (z_{1−α/2} + z_{power}) × that standard deviation (α = 0.05, power 0.8:
 * 2.80 × SD): the gap that a two-sided level-α test flags with 80 % probability when the statistic is close to
 * normal with the same spread under the alternative.
 *
 * @param difference         KID(source) − KID(baseline)
 * @param low                lower end of the bootstrap percentile interval of the difference at {@code level}
 * @param high               upper end
 * @param pValue             two-sided permutation p-value, (1 + #{|D*| ≥ |D|}) / (1 + permutations)
 * @param nullSd             the permutation standard deviation of D (its spread when the sources do not differ)
 * @param smallestDetectable (z_{1−α/2} + z_{power}) × nullSd
 * @param mmdSquaredBetween  the unbiased MMD² between the two sources' images directly (0 when alike)
 */
public record KidDifference(String source, String baseline, int images, double difference, double low, double high,
                            double level, double pValue, int permutations, double nullSd, double smallestDetectable,
                            double mmdSquaredBetween) {
    /** Two-sided level of the test. */
    public static final double ALPHA = 0.05;
    /** Power at which the smallest detectable difference is stated. */
    public static final double POWER = 0.8;
    /** z_{1−α/2} + z_{power} for α = 0.05 and power 0.8: 1.959964 + 0.841621. */
    public static final double DETECTABLE_FACTOR = 1.959964 + 0.841621;

    /**
     * Compares {@code source} with {@code baseline} (same image count). {@code sourceBootstrap} and
     * {@code baselineBootstrap} are their {@link SourceKernel#bootstrap} replicates with the same seed, so replicate b
     * shares its reference resample and their difference is the bootstrap of D.
     */
    public static KidDifference test(String sourceLabel, SourceKernel source, double[] sourceBootstrap,
                                     String baselineLabel, SourceKernel baseline, double[] baselineBootstrap,
                                     double level, int permutations, long seed) {
        int m = source.count();
        if (baseline.count() != m) {
            throw new IllegalArgumentException("the two-sample test needs the same number of images from "
                    + sourceLabel + " (" + m + ") and " + baselineLabel + " (" + baseline.count() + ")");
        }
        if (sourceBootstrap.length != baselineBootstrap.length) {
            throw new IllegalArgumentException("bootstrap replicates differ in number: " + sourceBootstrap.length
                    + " and " + baselineBootstrap.length);
        }
        double[] crossA = new double[m];
        double[] crossB = new double[m];
        CubicKernel.blockSums(source.features(), 0, m, baseline.features(), 0, m, source.dims(), crossA, crossB);
        double[] withinA = source.rowSumsWithoutSelf();
        double[] withinB = baseline.rowSumsWithoutSelf();
        double[] scores = new double[2 * m];
        double pairs = (double) m * (m - 1);
        double observed = 0;
        double crossTotal = 0;
        for (int i = 0; i < m; i++) {
            scores[i] = (withinA[i] + crossA[i]) / pairs - 2 * source.meanToReference(i) / m;
            scores[m + i] = (withinB[i] + crossB[i]) / pairs - 2 * baseline.meanToReference(i) / m;
            observed += scores[i] - scores[m + i];
            crossTotal += crossA[i];
        }
        double total = 0;
        for (double u : scores) {
            total += u;
        }
        double mean = total / (2 * m);
        double variance = 0;
        for (double u : scores) {
            variance += (u - mean) * (u - mean);
        }
        variance /= 2 * m;
        double nullSd = Math.sqrt(4.0 * m * m * variance / (2 * m - 1));
        int atLeast = 0;
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[2 * m];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double tolerance = 1e-12 * Math.abs(observed);
        for (int p = 0; p < permutations; p++) {
            double firstHalf = 0;
            for (int i = 0; i < m; i++) {
                int j = i + random.nextInt(order.length - i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                firstHalf += scores[order[i]];
            }
            double permuted = 2 * firstHalf - total;
            if (Math.abs(permuted) >= Math.abs(observed) - tolerance) {
                atLeast++;
            }
        }
        double[] differences = new double[sourceBootstrap.length];
        for (int b = 0; b < differences.length; b++) {
            differences[b] = sourceBootstrap[b] - baselineBootstrap[b];
        }
        double tail = (1 - level) / 2;
        double mmd = (sum(withinA) + sum(withinB)) / pairs - 2 * crossTotal / ((double) m * m);
        return new KidDifference(sourceLabel, baselineLabel, m, observed, SourceKernel.quantile(differences, tail),
                SourceKernel.quantile(differences, 1 - tail), level, (1.0 + atLeast) / (1.0 + permutations),
                permutations, nullSd, DETECTABLE_FACTOR * nullSd, mmd);
    }

    /** Whether the test rejects "no difference" at {@link #ALPHA}. */
    public boolean significant() {
        return pValue < ALPHA;
    }

    /**
     * The claim this comparison supports, in its own numbers: either that the two differ by less than the larger end
     * of the interval, or that they differ, with the difference and its interval; and what the test could detect.
     */
    public String claim() {
        String interval = String.format(Locale.ROOT, "KID difference %s %.3g, %.0f %% interval [%.3g, %.3g], "
                        + "permutation p = %.3g over %,d relabellings of %,d + %,d images; the smallest difference "
                        + "this test detects with %.0f %% power at α = %.2f is %.3g", source + " − " + baseline,
                difference, 100 * level, low, high, pValue, permutations, images, images, 100 * POWER, ALPHA,
                smallestDetectable);
        if (significant()) {
            return String.format(Locale.ROOT, "%s and %s DIFFER (%s %s): %s", source, baseline,
                    difference > 0 ? "worse by" : "better by", String.format(Locale.ROOT, "%.3g", Math.abs(difference)),
                    interval);
        }
        return String.format(Locale.ROOT, "%s and %s differ by less than %.3g in KID at %.0f %% (%s)", source,
                baseline, bound(), 100 * level, interval);
    }

    /** The larger magnitude of the interval's ends: the bound the claim "they differ by less than" states. */
    public double bound() {
        return Math.max(Math.abs(low), Math.abs(high));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}

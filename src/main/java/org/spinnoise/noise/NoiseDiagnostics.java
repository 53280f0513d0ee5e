package org.spinnoise.noise;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the normals a run actually drew look like independent N(0, 1) draws, whatever the images look like:
 * mean, variance, skewness and excess kurtosis against their standard errors under N(0, 1), the Kolmogorov-Smirnov
 * distance to the normal CDF, and the autocorrelation at lags 1..k across the draw order. Each figure comes with the
 * range an ideal source stays in; every range is set at {@value #Z_LIMIT} standard errors (two-sided p ≈ 6e-5 each),
 * and the KS limit at α = 1e-4, so a good source is flagged about once in a thousand runs while ±1 noise, a shifted
 * mean or correlated draws are caught at a few thousand normals. Draws are added in order, in any number of calls;
 * memory is fixed (the KS distance is read from a histogram of Φ(x) in {@value #KS_BINS} bins, which adds at most
 * 1/{@value #KS_BINS} to it).
 */
public final class NoiseDiagnostics {

    /** Standard errors a figure may stray before it is flagged. */
    public static final double Z_LIMIT = 4.0;
    /** sqrt(−ln(α/2)/2) for α = 1e-4: the asymptotic KS critical value times √N. */
    static final double KS_SCALED_LIMIT = Math.sqrt(-Math.log(0.5e-4) / 2);
    private static final int KS_BINS = 1 << 16;

    /** One figure, the range an ideal source keeps it in, and whether it left that range. */
    public record Figure(String name, double value, double low, double high) {
        public boolean flagged() {
            return !(value >= low && value <= high);
        }
    }

    private final int lags;
    private final double[] recent;
    private final double[] lagProducts;
    private final long[] cdfBins = new long[KS_BINS];
    private long count;
    private double sum;
    private double sum2;
    private double sum3;
    private double sum4;

    /** @param lags autocorrelation lags 1..lags to check (at least 1) */
    public NoiseDiagnostics(int lags) {
        if (lags < 1) {
            throw new IllegalArgumentException("at least lag 1 is checked, got " + lags);
        }
        this.lags = lags;
        this.recent = new double[lags];
        this.lagProducts = new double[lags];
    }

    public void add(float[] normals, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            add(normals[i]);
        }
    }

    public void add(double x) {
        for (int k = 1; k <= lags && k <= count; k++) {
            lagProducts[k - 1] += x * recent[(int) ((count - k) % lags)];
        }
        recent[(int) (count % lags)] = x;
        count++;
        double x2 = x * x;
        sum += x;
        sum2 += x2;
        sum3 += x2 * x;
        sum4 += x2 * x2;
        int bin = (int) Math.min(KS_BINS - 1, Math.max(0, Math.floor(normalCdf(x) * KS_BINS)));
        cdfBins[bin]++;
    }

    public long count() {
        return count;
    }

    /** Every figure with its range, in a fixed order; empty below 2·lags + 8 draws (too few to say anything). */
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        if (count < 2L * lags + 8) {
            return figures;
        }
        double n = count;
        double mean = sum / n;
        double variance = sum2 / n - mean * mean;
        double sd = Math.sqrt(variance);
        double m3 = sum3 / n - 3 * mean * sum2 / n + 2 * mean * mean * mean;
        double m4 = sum4 / n - 4 * mean * sum3 / n + 6 * mean * mean * sum2 / n - 3 * Math.pow(mean, 4);
        figures.add(within("mean", mean, 0, Math.sqrt(1 / n)));
        figures.add(within("variance", variance, 1, Math.sqrt(2 / n)));
        figures.add(within("skewness", m3 / (variance * sd), 0, Math.sqrt(6 / n)));
        figures.add(within("excess kurtosis", m4 / (variance * variance) - 3, 0, Math.sqrt(24 / n)));
        figures.add(new Figure("KS distance", ksDistance(), 0, KS_SCALED_LIMIT / Math.sqrt(n)));
        for (int k = 1; k <= lags; k++) {
            double r = (lagProducts[k - 1] / (n - k) - mean * mean) / variance;
            figures.add(within("autocorrelation lag " + k, r, 0, Math.sqrt(1 / (n - k))));
        }
        return figures;
    }

    /** True when some figure left its range. */
    public boolean flagged() {
        return figures().stream().anyMatch(Figure::flagged);
    }

    /**
     * One line for a console: how many normals, and either that every figure stayed in its range or each that did
     * not, with its value and range.
     */
    public String summary() {
        List<Figure> figures = figures();
        if (figures.isEmpty()) {
            return String.format(java.util.Locale.ROOT, "%,d normals: too few to check", count);
        }
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%,d normals: ", count));
        List<Figure> out = figures.stream().filter(Figure::flagged).toList();
        if (out.isEmpty()) {
            return line.append("mean, variance, skewness, kurtosis, KS and lags 1-").append(lags)
                    .append(" all within the range of N(0, 1) draws").toString();
        }
        line.append("NOT like N(0, 1) draws:");
        for (Figure f : out) {
            line.append(String.format(java.util.Locale.ROOT, " %s %.4g (expected %.4g to %.4g);", f.name(),
                    f.value(), f.low(), f.high()));
        }
        line.setLength(line.length() - 1);
        return line.toString();
    }

    private static Figure within(String name, double value, double expected, double standardError) {
        return new Figure(name, value, expected - Z_LIMIT * standardError, expected + Z_LIMIT * standardError);
    }

    /** Largest gap between the empirical CDF of Φ(x) and the uniform one, read at the bin edges. */
    private double ksDistance() {
        double worst = 0;
        long below = 0;
        for (int b = 0; b < KS_BINS; b++) {
            double edgeLow = (double) b / KS_BINS;
            worst = Math.max(worst, Math.abs(below / (double) count - edgeLow));
            below += cdfBins[b];
            worst = Math.max(worst, Math.abs(below / (double) count - (b + 1.0) / KS_BINS));
        }
        return worst;
    }

    /** Φ(x) from the complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}

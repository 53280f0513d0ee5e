package org.spinnoise.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares samples with a {@link GaussianMixture}: each sample is assigned to its most likely component, and each
 * component's share, mean and standard deviation are compared with the target's within tolerances of about five
 * standard errors for the sample size. Returns what did not match, empty when everything did.
 */
final class MixtureCheck {
    private MixtureCheck() {
    }

    static List<String> mismatches(GaussianMixture target, double[][] samples) {
        int k = target.weights.length;
        int dims = target.dims;
        int[] counts = new int[k];
        double[][] sums = new double[k][dims];
        double[][] sumSquares = new double[k][dims];
        for (double[] s : samples) {
            int c = target.component(s);
            counts[c]++;
            for (int d = 0; d < dims; d++) {
                sums[c][d] += s[d];
                sumSquares[c][d] += s[d] * s[d];
            }
        }
        List<String> out = new ArrayList<>();
        int n = samples.length;
        for (int c = 0; c < k; c++) {
            double share = (double) counts[c] / n;
            double w = target.weights[c];
            double shareTolerance = 5 * Math.sqrt(w * (1 - w) / n);
            if (Math.abs(share - w) > shareTolerance) {
                out.add(String.format(Locale.ROOT, "component %d share %.4f, target %.4f", c, share, w));
            }
            if (counts[c] < 10) {
                out.add("component " + c + " has only " + counts[c] + " samples");
                continue;
            }
            double std = target.stds[c];
            double pooledVariance = 0;
            for (int d = 0; d < dims; d++) {
                double mean = sums[c][d] / counts[c];
                pooledVariance += sumSquares[c][d] / counts[c] - mean * mean;
                double meanTolerance = 5 * std / Math.sqrt(counts[c]);
                if (Math.abs(mean - target.means[c][d]) > meanTolerance) {
                    out.add(String.format(Locale.ROOT, "component %d mean[%d] %.4f, target %.4f", c, d, mean, target.means[c][d]));
                }
            }
            double sampleStd = Math.sqrt(pooledVariance / dims);
            double stdTolerance = 5 * std / Math.sqrt(2.0 * counts[c] * dims);
            if (Math.abs(sampleStd - std) > stdTolerance) {
                out.add(String.format(Locale.ROOT, "component %d std %.4f, target %.4f", c, sampleStd, std));
            }
        }
        return out;
    }

    /** Rows of a sampler's output, one per image. */
    static double[][] rows(SampleRun run) {
        int dims = run.shape().values();
        double[][] rows = new double[run.batch()][dims];
        for (int b = 0; b < run.batch(); b++) {
            for (int d = 0; d < dims; d++) {
                rows[b][d] = run.images()[b * dims + d];
            }
        }
        return rows;
    }
}

package org.spinnoise.calibration;

import java.util.Arrays;

/**
 * Robust centre and spread of a set of resistance reads: the median and the median absolute deviation scaled to a
 * Gaussian sigma. Robust because a state's sample holds a few reads of the other state whenever a set or reset pulse
 * fails to switch, and those must not drag the threshold.
 */
public record ResistanceStats(int reads, double medianOhms, double sigmaOhms, double minOhms, double maxOhms) {
    /** MAD of a Gaussian is 0.6745 sigma. */
    private static final double MAD_TO_SIGMA = 1.4826;

    public static ResistanceStats of(double[] ohms) {
        if (ohms.length == 0) {
            throw new IllegalArgumentException("no reads");
        }
        double[] sorted = ohms.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        return new ResistanceStats(sorted.length, median, MAD_TO_SIGMA * median(deviations), sorted[0],
                sorted[sorted.length - 1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

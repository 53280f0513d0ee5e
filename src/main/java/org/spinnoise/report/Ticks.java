package org.spinnoise.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Tick positions at "nice" numbers: steps of 1, 2 or 5 times a power of ten on a linear axis, and powers of ten (with
 * 2 and 5 between them when the axis spans two decades or less) on a logarithmic one.
 */
final class Ticks {
    private Ticks() {
    }

    /** The nice step that divides {@code span} into about {@code wanted} intervals. */
    static double niceStep(double span, int wanted) {
        double raw = span / Math.max(1, wanted);
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / decade;
        double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
        return nice * decade;
    }

    /** Ticks at multiples of a nice step inside {@code min .. max}. */
    static List<Double> linear(double min, double max, int wanted) {
        double step = niceStep(max - min, wanted);
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        for (long k = first; k <= last; k++) {
            // k * step rather than a running sum, so 0.1 + 0.1 + 0.1 never drifts to 0.30000000000000004
            ticks.add(k * step);
        }
        return ticks;
    }

    /** Ticks on a logarithmic axis over {@code min .. max}, both positive. */
    static List<Double> logarithmic(double min, double max) {
        int firstDecade = (int) Math.floor(Math.log10(min) + 1e-9);
        int lastDecade = (int) Math.ceil(Math.log10(max) - 1e-9);
        double[] multiples = Math.log10(max / min) <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        List<Double> ticks = new ArrayList<>();
        for (int d = firstDecade; d <= lastDecade; d++) {
            for (double m : multiples) {
                double t = m * Math.pow(10, d);
                if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) {
                    ticks.add(t);
                }
            }
        }
        if (ticks.size() < 2) {
            // an axis inside one decade without 1, 2 or 5 in it: fall back to linear steps
            return linear(min, max, 4);
        }
        return ticks;
    }
}

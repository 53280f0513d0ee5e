package org.spinnoise.calibration;

import java.util.List;
import java.util.Locale;

/**
 * Rejects switching sweeps from which no sigmoid can be estimated, with a message that tells the operator how to fix
 * the sweep. Three things make the maximum-likelihood fit meaningless: fewer than two amplitudes (two parameters, one
 * constraint), a sweep that only saw one tail of the curve (V50 would be pure extrapolation), and perfect separation
 * (the likelihood keeps growing as the width shrinks to zero, so no finite maximum exists).
 */
final class SweepScreen {

    /** Below this switching fraction everywhere, or above 1 minus it everywhere, the sweep saw only one tail. */
    static final double TAIL_FRACTION = 0.02;

    private SweepScreen() {
    }

    static void requireFittable(List<SwitchingPoint> points) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a switching sigmoid to an empty sweep; measure at least two amplitudes");
        }
        double lowestVolts = Double.POSITIVE_INFINITY;
        double highestVolts = Double.NEGATIVE_INFINITY;
        double maxFraction = 0;
        double minFraction = 1;
        for (SwitchingPoint p : points) {
            lowestVolts = Math.min(lowestVolts, p.amplitudeVolts());
            highestVolts = Math.max(highestVolts, p.amplitudeVolts());
            maxFraction = Math.max(maxFraction, p.fraction());
            minFraction = Math.min(minFraction, p.fraction());
        }
        if (lowestVolts == highestVolts) {
            throw new IllegalArgumentException(format("cannot fit a switching sigmoid: all %d points are at the same amplitude %.4f V;"
                    + " measure at least two distinct amplitudes", points.size(), lowestVolts));
        }
        if (maxFraction < TAIL_FRACTION) {
            throw new IllegalArgumentException(format("switching sweep never crossed p = 1/2: all points below %.2f"
                    + " (highest fraction %.4f) between %.4f V and %.4f V; widen the sweep upward to above %.4f V",
                    TAIL_FRACTION, maxFraction, lowestVolts, highestVolts, highestVolts));
        }
        if (minFraction > 1 - TAIL_FRACTION) {
            throw new IllegalArgumentException(format("switching sweep never crossed p = 1/2: all points above %.2f"
                    + " (lowest fraction %.4f) between %.4f V and %.4f V; widen the sweep downward to below %.4f V",
                    1 - TAIL_FRACTION, minFraction, lowestVolts, highestVolts, lowestVolts));
        }
        rejectSeparation(points);
    }

    /**
     * The data are separated when every pulse that stayed was fired at or below every amplitude where some pulse
     * switched (or the mirror image for a falling curve); then only a step function maximises the likelihood.
     */
    private static void rejectSeparation(List<SwitchingPoint> points) {
        double lowestWithSwitch = Double.POSITIVE_INFINITY;
        double highestWithSwitch = Double.NEGATIVE_INFINITY;
        double lowestWithStay = Double.POSITIVE_INFINITY;
        double highestWithStay = Double.NEGATIVE_INFINITY;
        for (SwitchingPoint p : points) {
            double v = p.amplitudeVolts();
            if (p.switched() > 0) {
                lowestWithSwitch = Math.min(lowestWithSwitch, v);
                highestWithSwitch = Math.max(highestWithSwitch, v);
            }
            if (p.switched() < p.pulses()) {
                lowestWithStay = Math.min(lowestWithStay, v);
                highestWithStay = Math.max(highestWithStay, v);
            }
        }
        if (highestWithStay <= lowestWithSwitch) {
            double[] bracket = bracket(points, highestWithStay, lowestWithSwitch);
            throw new IllegalArgumentException(format("switching curve is perfectly separated: no pulse switched below %.4f V"
                    + " and every pulse switched above %.4f V, so the transition width cannot be estimated; the transition"
                    + " lies between %.4f V and %.4f V: add amplitudes inside that bracket",
                    lowestWithSwitch, highestWithStay, bracket[0], bracket[1]));
        }
        if (highestWithSwitch <= lowestWithStay) {
            double[] bracket = bracket(points, highestWithSwitch, lowestWithStay);
            throw new IllegalArgumentException(format("switching curve falls with amplitude and is perfectly separated: every"
                    + " pulse switched below %.4f V and none above %.4f V; the transition lies between %.4f V and %.4f V:"
                    + " add amplitudes inside that bracket", lowestWithStay, highestWithSwitch, bracket[0], bracket[1]));
        }
    }

    /**
     * Measured amplitudes enclosing a separated transition: the two edges themselves when they differ, otherwise the
     * nearest measured neighbours of the single amplitude where both outcomes occurred.
     */
    private static double[] bracket(List<SwitchingPoint> points, double lowerEdgeVolts, double upperEdgeVolts) {
        if (lowerEdgeVolts < upperEdgeVolts) {
            return new double[] {lowerEdgeVolts, upperEdgeVolts};
        }
        double below = lowerEdgeVolts;
        double above = upperEdgeVolts;
        double nearestBelow = Double.NEGATIVE_INFINITY;
        double nearestAbove = Double.POSITIVE_INFINITY;
        for (SwitchingPoint p : points) {
            double v = p.amplitudeVolts();
            if (v < below) {
                nearestBelow = Math.max(nearestBelow, v);
            }
            if (v > above) {
                nearestAbove = Math.min(nearestAbove, v);
            }
        }
        return new double[] {
            Double.isInfinite(nearestBelow) ? below : nearestBelow,
            Double.isInfinite(nearestAbove) ? above : nearestAbove,
        };
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

package org.spinnoise.report;

import java.util.List;

/**
 * One axis of a chart: what it shows (name and SI unit, e.g. "write amplitude", "V"), the range it spans and whether
 * it is logarithmic. It places values along its length and labels its ticks with one SI prefix ({@link SiFormat}).
 */
record Axis(String name, String unit, double min, double max, boolean log) {

    Axis {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis " + name + " needs min < max, got " + min + " .. " + max);
        }
        if (log && min <= 0) {
            throw new IllegalArgumentException("logarithmic axis " + name + " needs a positive range, got " + min);
        }
    }

    /** A linear axis over the data's range with {@code padFraction} of it added on each side (a flat range is widened). */
    static Axis linearOver(String name, String unit, double dataMin, double dataMax, double padFraction) {
        double span = dataMax - dataMin;
        if (!(span > 0)) {
            span = dataMin == 0 ? 1 : Math.abs(dataMin) * 0.1;
            return new Axis(name, unit, dataMin - span / 2, dataMax + span / 2, false);
        }
        return new Axis(name, unit, dataMin - padFraction * span, dataMax + padFraction * span, false);
    }

    /** A logarithmic axis over the data's range with {@code padFactor} (e.g. 1.3) of room on each side. */
    static Axis logOver(String name, String unit, double dataMin, double dataMax, double padFactor) {
        double lo = dataMin / padFactor;
        double hi = dataMax * padFactor;
        if (!(hi > lo * 1.0001)) {
            hi = lo * 10;
        }
        return new Axis(name, unit, lo, hi, true);
    }

    /** Where {@code value} lies along the axis, 0 at min and 1 at max (outside 0 .. 1 when outside the range). */
    double fraction(double value) {
        if (log) {
            return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (value - min) / (max - min);
    }

    List<Double> ticks(int wanted) {
        return log ? Ticks.logarithmic(min, max) : Ticks.linear(min, max, wanted);
    }

    /** Tick labels: one prefix and number of decimals for the whole linear axis, each tick its own on a log axis. */
    String[] labels(List<Double> ticks) {
        String[] labels = new String[ticks.size()];
        if (log) {
            for (int i = 0; i < labels.length; i++) {
                double t = ticks.get(i);
                int power = SiFormat.thousands(t, unit);
                labels[i] = SiFormat.value(t, power, SiFormat.decimalsFor(t, power), unit);
            }
            return labels;
        }
        double largest = 0;
        for (double t : ticks) {
            largest = Math.max(largest, Math.abs(t));
        }
        int power = SiFormat.thousands(largest, unit);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : Math.max(largest, 1e-300);
        int decimals = SiFormat.decimalsFor(step, power);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = SiFormat.value(ticks.get(i), power, decimals, unit);
        }
        return labels;
    }

    /** The axis title, e.g. "write amplitude (V)"; a dimensionless axis has no unit in brackets. */
    String title() {
        return unit.isEmpty() ? name : name + " (" + unit + ")";
    }
}

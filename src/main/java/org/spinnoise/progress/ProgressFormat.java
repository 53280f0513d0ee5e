package org.spinnoise.progress;

import java.util.Locale;

/**
 * Counts, rates and durations as a progress display shows them: bits and bytes with SI prefixes (12.3 Mbit,
 * 1.20 Mbit/s), other units as plain counts with the unit in the plural (450 images, 3.40 images/s), durations as
 * m:ss or h:mm:ss. Three significant digits are enough to watch a run by.
 */
public final class ProgressFormat {
    private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P"};

    private ProgressFormat() {
    }

    /** An amount of {@code unit}: "12.3 Mbit", "1,024 B", "450 images", "1 image". */
    public static String amount(double value, String unit) {
        if (prefixed(unit)) {
            return scaled(value) + unit;
        }
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value) : threeDigits(value);
        return number + " " + plural(unit, value);
    }

    /** Done out of a total: "25.0 Mbit / 100 Mbit" for bits and bytes, "10 / 40 points" for other units. */
    public static String ofTotal(double done, double total, String unit) {
        if (prefixed(unit)) {
            return amount(done, unit) + " / " + amount(total, unit);
        }
        String number = done == Math.rint(done) && Math.abs(done) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) done) : threeDigits(done);
        return number + " / " + amount(total, unit);
    }

    /** A rate: "1.20 Mbit/s", "3.40 images/s", "0.250 images/s". */
    public static String rate(double perSecond, String unit) {
        if (prefixed(unit)) {
            return scaled(perSecond) + unit + "/s";
        }
        return threeDigits(perSecond) + " " + plural(unit, 2) + "/s";
    }

    /** A duration: "0:07", "12:05", "3:02:09"; "--:--" when negative or not finite (not known). */
    public static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = s / 60 % 60;
        if (h > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", m, s % 60);
    }

    /** Bits and bytes take SI prefixes; everything else is counted as it is. */
    private static boolean prefixed(String unit) {
        return unit.equals("bit") || unit.equals("B");
    }

    /** "999 ", "1.00 k", "12.3 M": the value scaled to an SI prefix, three digits, ending before the unit. */
    private static String scaled(double value) {
        double v = value;
        int p = 0;
        while (Math.abs(v) >= 999.5 && p < PREFIXES.length - 1) {
            v /= 1000;
            p++;
        }
        if (p == 0 && v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d ", (long) v);
        }
        return threeDigits(v) + " " + PREFIXES[p];
    }

    private static String threeDigits(double v) {
        double a = Math.abs(v);
        if (a >= 99.95) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 9.995) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.9995 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String plural(String unit, double value) {
        if (value == 1 || unit.isEmpty() || unit.endsWith("s")) {
            return unit;
        }
        return unit.endsWith("ch") || unit.endsWith("sh") || unit.endsWith("x") ? unit + "es" : unit + "s";
    }
}

package org.spinnoise.report;

import java.util.Locale;

/**
 * Writes quantities the way a lab reads them: a number between 0.1 and 100 with an SI prefix and the unit, e.g.
 * {@code 0.62 V}, {@code 10 ns}, {@code 2.0 kohm}. An axis formats all its ticks with one prefix and one number of
 * decimals (chosen from the tick step), so neighbouring labels line up and differ only where the values do.
 */
final class SiFormat {
    private static final String[] PREFIXES = {"f", "p", "n", "µ", "m", "", "k", "M", "G"};
    private static final int UNPREFIXED = 5;

    private SiFormat() {
    }

    /**
     * The power of 1000 (…, -1 for milli, 0, 1 for kilo, …) that puts {@code magnitude} between 0.1 and 100; 0 for a
     * dimensionless value or a unit that takes no prefix (minutes, hours, per cent), where "3 m" would mislead.
     */
    static int thousands(double magnitude, String unit) {
        if (!prefixed(unit) || !(magnitude > 0) || Double.isInfinite(magnitude)) {
            return 0;
        }
        // The mantissa range 0.1 .. 100 keeps 0.62 V in volts and 2000 ohm as 2.0 kohm.
        int power = (int) Math.floor((Math.log10(magnitude) + 1) / 3);
        return Math.max(-UNPREFIXED, Math.min(PREFIXES.length - 1 - UNPREFIXED, power));
    }

    static boolean prefixed(String unit) {
        return !(unit.isEmpty() || unit.equals("min") || unit.equals("h") || unit.equals("%"));
    }

    /** The prefix of a power of 1000, e.g. -3 gives "n". */
    static String prefix(int thousands) {
        return PREFIXES[thousands + UNPREFIXED];
    }

    /** A value to three significant digits, e.g. "10.0 ns", "0.620 V". */
    static String value(double value, String unit) {
        return significant(value, 3, unit);
    }

    /** A value to four significant digits, for a figure read off a fit, e.g. "0.6231 V", "1.324 kohm". */
    static String precise(double value, String unit) {
        return significant(value, 4, unit);
    }

    private static String significant(double value, int digits, String unit) {
        if (!Double.isFinite(value)) {
            return value + " " + unit;
        }
        int power = thousands(Math.abs(value), unit);
        double mantissa = value / Math.pow(1000, power);
        int leading = mantissa == 0 ? 0 : (int) Math.floor(Math.log10(Math.abs(mantissa)));
        int decimals = Math.max(0, digits - 1 - leading);
        return join(String.format(Locale.ROOT, "%." + decimals + "f", mantissa), power, unit);
    }

    /** A value with {@code digits} decimals in a given prefix power, e.g. tick labels of one axis. */
    static String value(double value, int thousands, int decimals, String unit) {
        double mantissa = value / Math.pow(1000, thousands);
        if (Math.abs(mantissa) < 0.5 * Math.pow(10, -decimals)) {
            mantissa = 0; // no "-0.00"
        }
        return join(String.format(Locale.ROOT, "%." + decimals + "f", mantissa), thousands, unit);
    }

    /** Decimals a tick label needs to show a step of {@code step} in prefix power {@code thousands}. */
    static int decimalsFor(double step, int thousands) {
        double mantissa = step / Math.pow(1000, thousands);
        // a step of 0.25 needs 2 decimals, 0.5 needs 1, 20 needs none
        for (int d = 0; d < 12; d++) {
            double scaled = mantissa * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) {
                return d;
            }
        }
        return 12;
    }

    private static String join(String number, int thousands, String unit) {
        String prefixed = prefix(thousands) + unit;
        return prefixed.isEmpty() ? number : number + " " + prefixed;
    }
}

package org.spinnoise.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one program message unit with typed, SCPI-checked access: numbers with unit suffixes and SI
 * multipliers ({@code 100NS}, {@code 1E-7}, {@code 20MV}) or {@code MIN|MAX|DEF}, booleans {@code ON|OFF|1|0},
 * enumerated words in short or long form, and quoted strings. Each accessor raises the SCPI error a real instrument
 * reports: -109 missing, -108 too many, -104 wrong type, -131 bad suffix, -222 out of range, -224 unknown word.
 */
final class Parameters {
    private static final Pattern NUMBER =
            Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Double> MULTIPLIERS = Map.ofEntries(
            Map.entry("EX", 1e18), Map.entry("PE", 1e15), Map.entry("T", 1e12), Map.entry("G", 1e9),
            Map.entry("MA", 1e6), Map.entry("K", 1e3), Map.entry("M", 1e-3), Map.entry("U", 1e-6),
            Map.entry("N", 1e-9), Map.entry("P", 1e-12), Map.entry("F", 1e-15));

    private final List<String> values;

    Parameters(List<String> values) {
        this.values = List.copyOf(values);
    }

    int size() {
        return values.size();
    }

    /** Requires exactly {@code count} parameters. */
    void expect(int count) throws ScpiError {
        if (values.size() < count) {
            throw new ScpiError(ScpiError.MISSING_PARAMETER, "expected " + count + " parameter(s)");
        }
        expectAtMost(count);
    }

    void expectAtMost(int count) throws ScpiError {
        if (values.size() > count) {
            throw new ScpiError(ScpiError.PARAMETER_NOT_ALLOWED, "at most " + count + " parameter(s) allowed");
        }
    }

    /** True if parameter {@code index} is the word {@code longForm} in its short or long form. */
    boolean isKeyword(int index, String longForm) {
        return index < values.size() && matchesMnemonic(values.get(index), longForm);
    }

    /** A number in the limits, with MIN, MAX and DEF (the reset value) as the instrument understands them. */
    double number(int index, String unit, SettingLimits limits) throws ScpiError {
        if (isKeyword(index, "MINimum")) {
            return limits.min();
        }
        if (isKeyword(index, "MAXimum")) {
            return limits.max();
        }
        if (isKeyword(index, "DEFault")) {
            return limits.reset();
        }
        double value = rawNumber(index, unit);
        if (!limits.contains(value)) {
            throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE, value + " outside " + limits.min() + ".." + limits.max());
        }
        return value;
    }

    /** A number with an optional multiplier and unit suffix ({@code unit} empty for unit-less settings). */
    double rawNumber(int index, String unit) throws ScpiError {
        String text = required(index);
        Matcher matcher = NUMBER.matcher(text);
        if (!matcher.matches()) {
            throw new ScpiError(ScpiError.DATA_TYPE_ERROR, "not a number: " + text);
        }
        // Scaling the decimal text, not the double, keeps 700MV exactly 0.7 as the instrument reads it.
        java.math.BigDecimal value = new java.math.BigDecimal(matcher.group(1));
        double multiplier = suffixMultiplier(matcher.group(2).toUpperCase(Locale.ROOT), unit);
        return value.multiply(new java.math.BigDecimal(Double.toString(multiplier))).doubleValue();
    }

    private static double suffixMultiplier(String suffix, String unit) throws ScpiError {
        if (suffix.isEmpty() || (!unit.isEmpty() && suffix.equals(unit))) {
            return 1;
        }
        if (!unit.isEmpty() && suffix.endsWith(unit)) {
            String prefix = suffix.substring(0, suffix.length() - unit.length());
            // SCPI reads M as milli, except in MHZ and MOHM which are the customary mega units.
            if (prefix.equals("M") && (unit.equals("HZ") || unit.equals("OHM"))) {
                return 1e6;
            }
            Double multiplier = MULTIPLIERS.get(prefix);
            if (multiplier != null) {
                return multiplier;
            }
        }
        throw new ScpiError(ScpiError.INVALID_SUFFIX, "suffix '" + suffix + "' where " + (unit.isEmpty() ? "none" : unit) + " expected");
    }

    boolean bool(int index) throws ScpiError {
        String text = required(index).toUpperCase(Locale.ROOT);
        switch (text) {
            case "ON", "1":
                return true;
            case "OFF", "0":
                return false;
            default:
                throw new ScpiError(ScpiError.DATA_TYPE_ERROR, "not a boolean: " + text);
        }
    }

    /** One of the given words; returns its short form in capitals, as instruments answer queries. */
    String choice(int index, String... longForms) throws ScpiError {
        String text = required(index);
        if (text.startsWith("\"") || text.startsWith("'") || NUMBER.matcher(text).matches()) {
            throw new ScpiError(ScpiError.DATA_TYPE_ERROR, "expected a word, got " + text);
        }
        for (String longForm : longForms) {
            if (matchesMnemonic(text, longForm)) {
                return shortForm(longForm);
            }
        }
        throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "unknown choice " + text);
    }

    /** A quoted string parameter, without its quotes. */
    String string(int index) throws ScpiError {
        String text = required(index);
        boolean quoted = text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0);
        if (!quoted) {
            throw new ScpiError(ScpiError.DATA_TYPE_ERROR, "expected a quoted string, got " + text);
        }
        return text.substring(1, text.length() - 1);
    }

    private String required(int index) throws ScpiError {
        if (index >= values.size()) {
            throw new ScpiError(ScpiError.MISSING_PARAMETER, "parameter " + (index + 1) + " missing");
        }
        return values.get(index);
    }

    static boolean matchesMnemonic(String text, String longForm) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.equals(longForm.toUpperCase(Locale.ROOT)) || upper.equals(shortForm(longForm));
    }

    static String shortForm(String longForm) {
        StringBuilder shortForm = new StringBuilder();
        for (char c : longForm.toCharArray()) {
            if (Character.isUpperCase(c) || Character.isDigit(c)) {
                shortForm.append(c);
            }
        }
        return shortForm.toString();
    }
}

package org.spinnoise.scpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One instrument setting declared in one line: its SCPI header, how a value is written and read, what values are
 * allowed, and whether the instrument may coerce it (so the session reads it back). A header may hold {@code {ch}}
 * for the channel number. Extra constraints, such as a bench's safety limit, are attached with {@link #limitedBy};
 * {@link ScpiSession#set} checks every constraint before a byte leaves, so no call path skips them.
 *
 * @param <T> the value type
 */
public final class Setting<T> {

    /** A rule a value must satisfy; returns null when the value is fine, else the problem in words. */
    @FunctionalInterface
    public interface Constraint<T> {
        String problemWith(T value);
    }

    private final String header;
    private final String unit;
    private final Function<T, String> formatter;
    private final Function<String, T> parser;
    private final List<Constraint<T>> constraints;
    private final boolean readBack;

    private Setting(String header, String unit, Function<T, String> formatter, Function<String, T> parser,
                    List<Constraint<T>> constraints, boolean readBack) {
        this.header = Objects.requireNonNull(header);
        this.unit = unit;
        this.formatter = formatter;
        this.parser = parser;
        this.constraints = List.copyOf(constraints);
        this.readBack = readBack;
    }

    /** A real number in SI units between two bounds inclusive. */
    public static Setting<Double> number(String header, String unit, double min, double max) {
        Constraint<Double> range = v -> !Double.isFinite(v) ? "is not a finite number"
                : v < min || v > max ? "is outside " + min + " .. " + max + " " + unit : null;
        return new Setting<>(header, unit, Setting::formatNumber, Setting::parseNumber, List.of(range), false);
    }

    public static Setting<Double> seconds(String header, double min, double max) {
        return number(header, "s", min, max);
    }

    public static Setting<Double> volts(String header, double min, double max) {
        return number(header, "V", min, max);
    }

    public static Setting<Double> amps(String header, double min, double max) {
        return number(header, "A", min, max);
    }

    /** A whole number between two bounds inclusive. */
    public static Setting<Integer> count(String header, int min, int max) {
        Constraint<Integer> range = v -> v < min || v > max ? "is outside " + min + " .. " + max : null;
        return new Setting<>(header, "", String::valueOf, s -> (int) Math.round(parseNumber(s)), List.of(range),
                false);
    }

    /** An ON/OFF switch; the instrument answers 1 or 0. */
    public static Setting<Boolean> onOff(String header) {
        return new Setting<>(header, "", v -> v ? "ON" : "OFF",
                s -> s.trim().equals("1") || s.trim().equalsIgnoreCase("ON"), List.of(), false);
    }

    /** One of a fixed set of words (short forms as the instrument answers them). */
    public static Setting<String> choice(String header, String... allowed) {
        Set<String> words = Set.of(allowed);
        Constraint<String> oneOf = v -> words.contains(v.toUpperCase(Locale.ROOT)) ? null : "is not one of " + words;
        return new Setting<>(header, "", v -> v.toUpperCase(Locale.ROOT),
                s -> s.trim().replace("\"", "").toUpperCase(Locale.ROOT), List.of(oneOf), false);
    }

    /**
     * One of a fixed set of words sent as a quoted string, e.g. {@code :SENS:FUNC "RES"}; the reply's quotes are
     * dropped. With one allowed word this declares a fixed value the driver always sends.
     */
    public static Setting<String> quoted(String header, String... allowed) {
        Set<String> words = Set.of(allowed);
        Constraint<String> oneOf = v -> words.contains(v) ? null : "is not one of " + words;
        return new Setting<>(header, "", v -> "\"" + v + "\"", s -> s.trim().replace("\"", ""), List.of(oneOf),
                false);
    }

    /**
     * One of a fixed set of named constants, sent exactly as written (TSP is case-sensitive, e.g.
     * {@code smua.OUTPUT_ON}); the instrument answers the constant's number, which is read back as its name.
     */
    public static Setting<String> constant(String header, Map<String, Integer> numberOfName) {
        Map<String, Integer> names = Map.copyOf(numberOfName);
        Constraint<String> oneOf = v -> names.containsKey(v) ? null : "is not one of " + new TreeSet<>(names.keySet());
        Function<String, String> parser = reply -> {
            double number = parseNumber(reply);
            return names.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + reply + "' is none of "
                            + names));
        };
        return new Setting<>(header, "", v -> v, parser, List.of(oneOf), false);
    }

    /** The same setting, read back after each write because the instrument rounds it. */
    public Setting<T> readBack() {
        return new Setting<>(header, unit, formatter, parser, constraints, true);
    }

    /** The same setting with one more constraint. */
    public Setting<T> limitedBy(Constraint<T> constraint) {
        List<Constraint<T>> all = new ArrayList<>(constraints);
        all.add(constraint);
        return new Setting<>(header, unit, formatter, parser, all, readBack);
    }

    /** The same setting on a given channel ({@code {ch}} in the header becomes the number). */
    public Setting<T> channel(int channel) {
        return new Setting<>(header.replace("{ch}", Integer.toString(channel)), unit, formatter, parser,
                constraints, readBack);
    }

    public String header() {
        return header;
    }

    public String unit() {
        return unit;
    }

    boolean isReadBack() {
        return readBack;
    }

    /** The first constraint the value breaks, in words, or null when it is allowed. */
    String problemWith(T value) {
        for (Constraint<T> c : constraints) {
            String problem = c.problemWith(value);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    String command(T value) {
        return command(value, Dialect.SCPI);
    }

    String query() {
        return query(Dialect.SCPI);
    }

    String command(T value, Dialect dialect) {
        return dialect.assignment(header, formatter.apply(value));
    }

    String query(Dialect dialect) {
        return dialect.reading(header);
    }

    T parse(String reply) {
        return parser.apply(reply);
    }

    String format(T value) {
        return formatter.apply(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String formatNumber(Double v) {
        return Double.toString(v).toUpperCase(Locale.ROOT);
    }

    static double parseNumber(String reply) {
        try {
            return Double.parseDouble(reply.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + reply + "' is not a number", e);
        }
    }
}

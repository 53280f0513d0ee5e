package org.spinnoise.sim;

import java.util.Locale;

/**
 * Reads and checks the one parameter of a command against its row in the model's command table, raising the error a
 * real instrument reports: -222 for a number outside the documented range, -224 for a word or string the manual
 * does not list, -104/-109/-108 for a wrong type, a missing or an extra parameter.
 */
final class ParameterReader {
    private ParameterReader() {
    }

    /** The value to store: Double (coerced to the resolution), Boolean, or the canonical text of a word or string. */
    static Object read(ModelParameter parameter, Parameters p) throws ScpiError {
        p.expect(1);
        return switch (parameter.type()) {
            case ModelParameter.NUMBER -> number(parameter, p, 0);
            case ModelParameter.BOOLEAN -> p.bool(0);
            case ModelParameter.CHOICE -> p.choice(0, parameter.choices().toArray(String[]::new));
            case ModelParameter.STRING -> string(parameter, p.string(0));
            default -> throw new IllegalStateException("no value to read for a parameter of type " + parameter.type());
        };
    }

    /** A number, or a keyword the row accepts in its place (MINimum, MAXimum, DEFault, INFinity). */
    static double number(ModelParameter parameter, Parameters p, int index) throws ScpiError {
        for (String keyword : parameter.keywords()) {
            if (p.isKeyword(index, keyword)) {
                return keywordValue(parameter, keyword);
            }
        }
        double value = p.rawNumber(index, parameter.unit());
        if (!(value >= parameter.min() - tolerance(parameter.min()) && value <= parameter.max() + tolerance(parameter.max()))) {
            throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE,
                    value + " outside " + parameter.min() + ".." + parameter.max());
        }
        return parameter.coerce(value);
    }

    static double keywordValue(ModelParameter parameter, String keyword) {
        return switch (Parameters.shortForm(keyword)) {
            case "MIN" -> parameter.min();
            case "MAX" -> parameter.max();
            case "DEF" -> parameter.reset().asDouble();
            case "INF" -> Double.POSITIVE_INFINITY;
            default -> throw new SimulationException("command table keyword '" + keyword
                    + "' has no meaning in the simulator (known: MINimum, MAXimum, DEFault, INFinity)");
        };
    }

    /** Limits written as decimals (1e-8) must admit the same value sent in another notation (10NS). */
    private static double tolerance(double limit) {
        return Math.abs(limit) * 1e-12;
    }

    /**
     * A quoted string matched against the manual's list, where each entry may carry optional parts
     * ({@code "VOLTage[:DC]"}); returns the entry's canonical short form without options ({@code VOLT:DC}).
     */
    static String string(ModelParameter parameter, String text) throws ScpiError {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (String choice : parameter.choices()) {
            HeaderPattern pattern = HeaderPattern.of(choice);
            if (pattern.matchesText(upper)) {
                return pattern.canonicalShortForm();
            }
        }
        throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "\"" + text + "\" is not one of " + parameter.choices());
    }
}

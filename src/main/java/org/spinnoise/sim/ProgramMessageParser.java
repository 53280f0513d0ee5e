package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a received program message into units at semicolons (outside quoted strings) and parses each unit into a
 * {@link ProgramUnit}: header up to the first white space, then comma-separated parameters. It knows nothing of any
 * instrument; a unit that cannot be parsed raises -102 Syntax error when it is reached, so earlier units still run.
 */
final class ProgramMessageParser {
    private ProgramMessageParser() {
    }

    /** The texts of the units of one message; empty units (such as after a trailing ';') are dropped. */
    static List<String> splitUnits(String message) {
        List<String> units = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : message.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (c == ';') {
                addIfNotBlank(units, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(units, current);
        return units;
    }

    private static void addIfNotBlank(List<String> units, StringBuilder unit) {
        String text = unit.toString().trim();
        if (!text.isEmpty()) {
            units.add(text);
        }
    }

    static ProgramUnit parseUnit(String unitText) throws ScpiError {
        int space = indexOfWhitespace(unitText);
        String header = space < 0 ? unitText : unitText.substring(0, space);
        String parameterText = space < 0 ? "" : unitText.substring(space).trim();
        boolean query = header.endsWith("?");
        if (query) {
            header = header.substring(0, header.length() - 1);
        }
        boolean absolute = header.startsWith(":");
        if (absolute) {
            header = header.substring(1);
        }
        boolean common = header.startsWith("*");
        if (header.isEmpty() || (common && absolute)) {
            throw new ScpiError(ScpiError.SYNTAX_ERROR, "bad header in '" + unitText + "'");
        }
        List<HeaderToken> tokens = new ArrayList<>();
        for (String mnemonic : header.split(":", -1)) {
            tokens.add(HeaderToken.parse(mnemonic));
        }
        return new ProgramUnit(tokens, absolute, common, query, splitParameters(parameterText));
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitParameters(String text) throws ScpiError {
        List<String> parameters = new ArrayList<>();
        if (text.isEmpty()) {
            return parameters;
        }
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (c == ',') {
                parameters.add(nonEmpty(current));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new ScpiError(ScpiError.SYNTAX_ERROR, "unterminated string in '" + text + "'");
        }
        parameters.add(nonEmpty(current));
        return parameters;
    }

    private static String nonEmpty(StringBuilder parameter) throws ScpiError {
        String text = parameter.toString().trim();
        if (text.isEmpty()) {
            throw new ScpiError(ScpiError.SYNTAX_ERROR, "empty parameter");
        }
        return text;
    }
}

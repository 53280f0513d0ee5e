package org.spinnoise.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mnemonic of a received command header, split into its letters and its optional numeric suffix
 * ({@code SOUR2} → {@code SOUR}, 2). Suffix -1 means none was given.
 */
record HeaderToken(String mnemonic, int suffix) {
    private static final Pattern TOKEN = Pattern.compile("(\\*?[A-Za-z][A-Za-z_]*)([0-9]*)");

    static HeaderToken parse(String text) throws ScpiError {
        Matcher matcher = TOKEN.matcher(text);
        if (!matcher.matches()) {
            throw new ScpiError(ScpiError.SYNTAX_ERROR, "bad header mnemonic '" + text + "'");
        }
        String digits = matcher.group(2);
        if (digits.length() > 9) {
            throw new ScpiError(ScpiError.SYNTAX_ERROR, "header suffix too long in '" + text + "'");
        }
        return new HeaderToken(matcher.group(1), digits.isEmpty() ? -1 : Integer.parseInt(digits));
    }

    @Override
    public String toString() {
        return suffix < 0 ? mnemonic : mnemonic + suffix;
    }
}

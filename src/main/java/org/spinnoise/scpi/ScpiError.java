package org.spinnoise.scpi;

/**
 * One entry of an instrument's error queue, as {@code SYST:ERR?} returns it: {@code -222,"Data out of range"}.
 * Vendors append details after a semicolon inside the quotes (Keithley adds a time stamp); the text is kept whole.
 */
public record ScpiError(int code, String message) {

    /** Code 0 means the queue is empty. */
    public boolean isNoError() {
        return code == 0;
    }

    /** Parses a {@code SYST:ERR?} reply; a reply that is not of that form throws IllegalArgumentException. */
    public static ScpiError parse(String reply) {
        String text = reply.trim();
        int comma = text.indexOf(',');
        String codeText = comma < 0 ? text : text.substring(0, comma);
        int code;
        try {
            code = Integer.parseInt(codeText.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an error-queue entry: '" + reply + "'", e);
        }
        String message = comma < 0 ? "" : text.substring(comma + 1).trim();
        if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
            message = message.substring(1, message.length() - 1);
        }
        return new ScpiError(code, message);
    }

    /**
     * Parses a TSP {@code print(errorqueue.next())} reply: code, message, severity and node separated by tabs, the
     * numbers printed as TSP prints numbers ({@code -2.85000e+02}); an empty queue answers code 0 (Series 2600B
     * Reference Manual 2600BS-901-01 Rev. B, p. 7-83). Anything else throws IllegalArgumentException.
     */
    public static ScpiError parseTsp(String reply) {
        String[] fields = reply.trim().split("\t");
        if (fields.length < 2) {
            throw new IllegalArgumentException("not an errorqueue.next() entry: '" + reply + "'");
        }
        double code;
        try {
            code = Double.parseDouble(fields[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an errorqueue.next() entry: '" + reply + "'", e);
        }
        if (code != Math.rint(code)) {
            throw new IllegalArgumentException("error code in '" + reply + "' is not a whole number");
        }
        return new ScpiError((int) code, fields[1].trim());
    }

    @Override
    public String toString() {
        return code + ",\"" + message + "\"";
    }
}

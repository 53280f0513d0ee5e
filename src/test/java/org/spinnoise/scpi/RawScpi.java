package org.spinnoise.scpi;

import org.mockito.ArgumentMatchers;

/**
 * Tests' access to what drivers may not do: raw SCPI lines on a session (to set up or inspect a simulated instrument
 * around a driver), and a Mockito matcher for a declared {@link Command} by its text.
 */
public final class RawScpi {
    private RawScpi() {
    }

    public static void checkedWrite(ScpiSession session, String command) throws ScpiException {
        session.checkedWrite(command);
    }

    public static void write(ScpiSession session, String command) throws ScpiException {
        session.write(command);
    }

    public static String query(ScpiSession session, String query) throws ScpiException {
        return session.query(query);
    }

    public static String checkedQuery(ScpiSession session, String query) throws ScpiException {
        return session.checkedQuery(query);
    }

    public static double queryNumber(ScpiSession session, String query) throws ScpiException {
        return session.queryNumber(query);
    }

    public static byte[] queryBlock(ScpiSession session, String query) throws ScpiException {
        return session.queryBlock(query);
    }

    /** Matches a command whose text is exactly {@code text}. */
    public static Command commandText(String text) {
        return ArgumentMatchers.argThat(c -> c != null && c.text().equals(text));
    }

    /** Matches any command. */
    public static Command anyCommand() {
        return ArgumentMatchers.any(Command.class);
    }
}

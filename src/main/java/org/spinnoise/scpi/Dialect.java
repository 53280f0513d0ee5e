package org.spinnoise.scpi;

/**
 * The command language a session speaks. {@link #SCPI} writes {@code HEADER value}, reads {@code HEADER?} and reads
 * its error queue with {@code SYST:ERR?}. {@link #TSP} is Keithley's Test Script Processor (Lua) of the Series 2600B:
 * it writes {@code attribute = value}, reads {@code print(attribute)} and reads its error queue with
 * {@code print(errorqueue.next())} (Series 2600B Reference Manual 2600BS-901-01 Rev. B, p. 7-83; {@code print} joins
 * several values with a tab, Rev. C p. 7-166). TSP is case-sensitive, so values are sent exactly as the driver wrote
 * them. Both answer the IEEE 488.2 common commands ({@code *IDN?}, {@code *OPC?}, {@code *ESR?}; Rev. B App. D-3).
 */
public enum Dialect {
    SCPI,
    TSP;

    /** The message that sets a setting. */
    String assignment(String header, String value) {
        return this == SCPI ? header + " " + value : header + " = " + value;
    }

    /** The message that reads a setting back. */
    String reading(String header) {
        return this == SCPI ? header + "?" : "print(" + header + ")";
    }

    /** The query that takes the oldest error-queue entry. */
    String nextErrorQuery() {
        return this == SCPI ? "SYST:ERR?" : "print(errorqueue.next())";
    }

    /** The entry that query returned; a reply of another form throws IllegalArgumentException. */
    ScpiError parseError(String reply) {
        return this == SCPI ? ScpiError.parse(reply) : ScpiError.parseTsp(reply);
    }

    /** What an error-queue entry looks like in this dialect, for messages about a garbled reply. */
    String errorForm() {
        return this == SCPI ? "<code>,\"<message>\"" : "<code><TAB><message><TAB><severity><TAB><node>";
    }
}

package org.spinnoise.link;

import java.io.Closeable;
import java.time.Duration;

/**
 * A byte pipe to one instrument, whatever carries it. Drivers and the SCPI session see only this, never sockets or
 * serial ports, so the same driver runs over TCP, a serial line or the simulated bench. Reads take an explicit
 * timeout so every exchange has its own deadline. A link is used by one thread at a time (the SCPI session holds the
 * lock).
 */
public interface Link extends Closeable {

    /** Where this link goes. */
    InstrumentAddress address();

    /** Writes the text followed by the address's write termination. */
    void writeLine(String text) throws LinkException;

    /** Writes raw bytes as they are. */
    void write(byte[] bytes) throws LinkException;

    /** Reads up to the read termination and returns the text without it. */
    String readLine(Duration timeout) throws LinkException;

    /** Reads exactly {@code count} bytes (binary block payloads). */
    byte[] readExactly(int count, Duration timeout) throws LinkException;

    /** Reads one byte, 0..255. */
    int readByte(Duration timeout) throws LinkException;

    /**
     * Reads whatever bytes come first, up to {@code length}, waiting at most {@code timeout} for the first of them;
     * returns 0 when none came in time. For binary streams (the pulser board's frames) that have no reply lines and
     * must not pay a deadline per byte.
     */
    int readAvailable(byte[] into, int offset, int length, Duration timeout) throws LinkException;

    /**
     * Throws away bytes already received or arriving until the line has been quiet for {@code quietPeriod}; returns
     * how many were dropped. Used after a timeout so a late reply is never read as the answer to the next query.
     */
    int discardInput(Duration quietPeriod) throws LinkException;

    /** Closes and opens the connection again, dropping anything in flight. */
    void reopen() throws LinkException;

    /** True when a fresh connection is a clean slate (TCP), false when stale bytes may survive (serial). */
    boolean reopenDropsStaleBytes();

    @Override
    void close();
}

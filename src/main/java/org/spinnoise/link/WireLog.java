package org.spinnoise.link;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instrument exchange, as it happened: time, instrument, what was sent, what came back and how long it took.
 * Lines go to the SLF4J logger {@code spinnoise.wire} (quiet unless set to DEBUG) and, while a run is recording, to a
 * transcript file in its run folder, so a strange bit can be traced to the bytes on the wire.
 */
public final class WireLog implements AutoCloseable {
    /** The logger name; set it to DEBUG in logback.xml to watch the wire live. */
    public static final String LOGGER_NAME = "spinnoise.wire";
    private static final Logger WIRE = LoggerFactory.getLogger(LOGGER_NAME);

    private BufferedWriter transcript;
    private Path transcriptFile;

    /** Starts copying exchanges to a transcript file (created or appended to; gzip-compressed when named *.gz). */
    public synchronized void recordTo(Path file) {
        closeTranscript();
        try {
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (file.getFileName().toString().endsWith(".gz")) {
                // A long acquisition writes hundreds of thousands of exchanges; gzip keeps that to a few MB.
                out = new GZIPOutputStream(out, 1 << 16);
            }
            transcript = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            transcriptFile = file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write wire transcript " + file + ": " + e.getMessage(), e);
        }
    }

    /** One command and its reply ({@code null} for a command without one). */
    public void exchange(String instrument, String sent, String received, long latencyNanos) {
        String line = received == null
                ? String.format("%s  %s  > %s  (%d us)", Instant.now(), instrument, sent, latencyNanos / 1000)
                : String.format("%s  %s  > %s  < %s  (%d us)", Instant.now(), instrument, sent, printable(received),
                        latencyNanos / 1000);
        emit(line);
    }

    /** Something that happened on the wire that is not an exchange: a timeout, a recovery, a reconnect. */
    public void event(String instrument, String what) {
        emit(String.format("%s  %s  ! %s", Instant.now(), instrument, what));
    }

    private void emit(String line) {
        WIRE.debug(line);
        synchronized (this) {
            if (transcript != null) {
                try {
                    transcript.write(line);
                    transcript.newLine();
                } catch (IOException e) {
                    closeTranscript();
                    throw new UncheckedIOException("cannot write wire transcript " + transcriptFile
                            + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Pushes buffered transcript lines to disk. */
    public synchronized void flush() {
        if (transcript != null) {
            try {
                transcript.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write wire transcript " + transcriptFile, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closeTranscript();
    }

    private void closeTranscript() {
        if (transcript != null) {
            try {
                transcript.close();
            } catch (IOException ignored) {
                // the run is ending; a transcript that cannot be closed has already reported its write failures
            }
            transcript = null;
        }
    }

    private static String printable(String text) {
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...(" + text.length() + " chars)";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

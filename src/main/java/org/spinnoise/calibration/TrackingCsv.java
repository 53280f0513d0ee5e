package org.spinnoise.calibration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run folder's {@code tracking.csv} (US-ASCII, header first, one {@link TrackingRow} per line), flushed after each
 * row so a run that fails still has every estimate up to its end on disk. Rows are rare (one per window of thousands
 * of bits), so flushing costs nothing measurable. A resumed run appends to the file it finds.
 */
public final class TrackingCsv implements TrackingSink, AutoCloseable {
    private final BufferedWriter out;
    private final TrackingSink copy;

    private TrackingCsv(BufferedWriter out, TrackingSink copy) {
        this.out = out;
        this.copy = copy;
    }

    /** Opens {@code file}, writing the header when it is new, appending otherwise. */
    public static TrackingCsv open(Path file) throws IOException {
        return open(file, TrackingSink.none());
    }

    /** As {@link #open(Path)}, and each row, once on disk, is also handed to {@code copy} (a live view of the run). */
    public static TrackingCsv open(Path file, TrackingSink copy) throws IOException {
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (!exists) {
            out.write(TrackingRow.HEADER + "\n");
            out.flush();
        }
        return new TrackingCsv(out, copy);
    }

    @Override
    public synchronized void accept(TrackingRow row) throws IOException {
        out.write(row.csv());
        out.write('\n');
        out.flush();
        copy.accept(row);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

package org.spinnoise.diffusion.train;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training loss as CSV, one row per step: {@code step,loss}. Opening it to resume at step k keeps the rows up to
 * k and drops any written after the checkpoint by a run that was then interrupted, so a resumed run's curve is the
 * same file an uninterrupted run would have written.
 */
public final class LossCurve implements Closeable {
    static final String HEADER = "step,loss";

    private final Path file;
    private final BufferedWriter out;

    private LossCurve(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Starts a new curve, replacing any file there. */
    public static LossCurve create(Path file) throws IOException {
        return resume(file, 0);
    }

    /** Keeps the rows of steps 1 … {@code lastStep} of an existing curve (none if it is absent) and appends after them. */
    public static LossCurve resume(Path file, long lastStep) throws IOException {
        List<String> kept = new ArrayList<>();
        kept.add(HEADER);
        if (lastStep > 0 && Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                int comma = line.indexOf(',');
                if (comma > 0 && parseStep(line.substring(0, comma), file, i + 1) <= lastStep) {
                    kept.add(line);
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.write(file, kept, StandardCharsets.UTF_8);
        return new LossCurve(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    private static long parseStep(String text, Path file, int lineNumber) throws IOException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + lineNumber + " does not start with a step number: '" + text + "'", e);
        }
    }

    public void append(long step, double loss) throws IOException {
        out.write(String.format(Locale.ROOT, "%d,%.8g%n", step, loss));
    }

    /** Pushes buffered rows to the file (the trainer does this at every checkpoint). */
    public void flush() throws IOException {
        out.flush();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

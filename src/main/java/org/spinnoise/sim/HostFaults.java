package org.spinnoise.sim;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults of the host the controller runs on, beside the instrument faults of {@link FaultInjector} and the board
 * faults of the board emulator: a byte of an entropy-pool segment damaged on disk (bit rot, a bad sector, a careless
 * editor), and a process killed with SIGKILL, which no handler sees. A full disk is {@link SmallDisk}. These act on
 * files and processes by path and handle, so a test, the soak or a lab rehearsal can aim them at any pool or
 * spinnoise process.
 */
public final class HostFaults {
    private static final Logger LOG = LoggerFactory.getLogger(HostFaults.class);

    private HostFaults() {
    }

    /** Where a damaging fault struck: the file and the byte position in it. */
    public record Damage(Path file, long position) {
    }

    /**
     * Inverts one byte of a pool's segment file {@code segmentNumber} (1 for {@code segments/00000001.seg}) at
     * {@code fraction} (0 … 1) of its length: inside a record's payload for any fraction away from the ends, so
     * the record's CRC no longer checks out.
     */
    public static Damage damagePoolSegment(Path poolDir, int segmentNumber, double fraction) throws IOException {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction);
        }
        Path segment = poolDir.resolve("segments").resolve(String.format("%08d.seg", segmentNumber));
        long size = Files.size(segment);
        if (size == 0) {
            throw new IOException(segment + " is empty; there is nothing to damage");
        }
        long position = Math.min(size - 1, (long) (fraction * size));
        flipByte(segment, position);
        return new Damage(segment, position);
    }

    /** The pool's segment files, oldest first. */
    public static java.util.List<Path> poolSegments(Path poolDir) throws IOException {
        try (Stream<Path> files = Files.list(poolDir.resolve("segments"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    /** Inverts every bit of the byte at {@code position} of {@code file}, in place. */
    public static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            if (b < 0) {
                throw new IOException(file + " has no byte at " + position);
            }
            raf.seek(position);
            raf.write(b ^ 0xFF);
        }
        LOG.info("fault: byte {} of {} inverted", position, file);
    }

    /**
     * Kills the process with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no
     * finally block, no flush runs. Waits until it is gone.
     */
    public static void sigkill(Process process) throws InterruptedException {
        LOG.info("fault: SIGKILL to process {}", process.pid());
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 10 s");
        }
    }
}

package org.spinnoise.entropy.pool;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link PoolCrashTest} kills with SIGKILL. A writer thread appends records whose bytes are
 * {@link OffsetPattern}s of their global offsets and logs {@code ACK <endOffset>} after each append returns; the main
 * thread takes bytes as consumer "c" and logs {@code SERVED <startOffset> <length> <sha256>} after each take
 * returns. Every log line is forced to disk before the next operation, so the log is at least as durable as the
 * pool. Runs until killed; exits non-zero if the pool ever misbehaves in a way it can see itself.
 *
 * <p>Arguments: pool directory, log file, pattern key.
 */
public final class PoolCrashChild {
    private PoolCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long key = Long.parseLong(args[2]);
        try (FileOutputStream log = new FileOutputStream(args[1], true);
             EntropyPool pool = EntropyPool.open(dir, new PoolConfig(64 << 20, 32 << 10, 2048))) {
            PoolStatus status = pool.status();
            if (status.corruptBytes() != 0) {
                System.exit(3); // a kill never damages acknowledged records
            }
            line(log, "OPEN " + status.bytesAppended());
            Thread writer = new Thread(() -> appendForever(pool, log, key, status.bytesAppended()), "writer");
            writer.setDaemon(true);
            writer.start();
            // Only one taker and no corrupt ranges: served offsets follow on from the first unserved one.
            long next = status.bytesAppended() - status.bytesAvailable();
            Random random = new Random();
            for (int op = 0; ; op++) {
                byte[] bytes = pool.takeUpTo("c", 1 + random.nextInt(3000));
                if (bytes.length > 0) {
                    line(log, "SERVED " + next + " " + bytes.length + " " + OffsetPattern.sha256(bytes));
                    next += bytes.length;
                }
                if (op % 40 == 39) {
                    pool.compact();
                }
            }
        }
    }

    private static void appendForever(EntropyPool pool, FileOutputStream log, long key, long start) {
        Random random = new Random();
        long end = start;
        try {
            while (true) {
                int length = 1 + random.nextInt(3000);
                long newEnd = pool.append(OffsetPattern.bytes(key, end, length), 0, length,
                        new IngestCounts(8L * length, 0, 8.0 * length), "crash-child");
                if (newEnd != end + length) {
                    System.exit(4);
                }
                end = newEnd;
                line(log, "ACK " + end);
            }
        } catch (IOException e) {
            System.exit(5);
        }
    }

    private static void line(FileOutputStream log, String text) throws IOException {
        synchronized (log) {
            log.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
            log.getFD().sync();
        }
    }
}

package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The sources whose raw bits a pool has taken in, one id per line in {@code sources}, appended and forced before any
 * of the source's bits are ingested. The same raw bits conditioned twice would give the same output twice, so a
 * claimed source is never taken in again, even after a crash in the middle of its ingest. The list outlives
 * compaction, which deletes segments and with them the ids in their records.
 */
final class SourceRegistry {
    static final String NAME = "sources";

    private final Path file;
    private final Set<String> claimed = new HashSet<>();

    private SourceRegistry(Path file) {
        this.file = file;
    }

    static SourceRegistry open(Path poolDir) throws PoolException {
        SourceRegistry registry = new SourceRegistry(poolDir.resolve(NAME));
        if (Files.exists(registry.file)) {
            try {
                for (String line : Files.readAllLines(registry.file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        registry.claimed.add(line);
                    }
                }
            } catch (IOException e) {
                throw new PoolException("cannot read " + registry.file + " (" + e.getMessage()
                        + "); restore it before ingesting, or sources could be taken in twice", e);
            }
        }
        return registry;
    }

    /** Records the source durably; false if it was claimed before. */
    synchronized boolean claim(String sourceId) throws PoolException {
        if (sourceId.contains("\n") || sourceId.isBlank()) {
            throw new IllegalArgumentException("source id must be one non-blank line, got '" + sourceId + "'");
        }
        if (claimed.contains(sourceId)) {
            return false;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap((sourceId + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(true);
        } catch (IOException e) {
            throw new PoolException("cannot record source '" + sourceId + "' in " + file + ": " + e.getMessage(), e);
        }
        claimed.add(sourceId);
        return true;
    }

    /**
     * Forgets a claim whose ingest failed before any of the source's bits reached the pool, so it can be taken in
     * later; the file is rewritten atomically, so a crash leaves either list.
     */
    synchronized void release(String sourceId) throws PoolException {
        if (!claimed.remove(sourceId)) {
            return;
        }
        Path tmp = file.resolveSibling(NAME + ".tmp");
        try {
            StringBuilder lines = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.equals(sourceId)) {
                    lines.append(line).append('\n');
                }
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            claimed.add(sourceId);
            throw new PoolException("cannot release source '" + sourceId + "' in " + file + ": " + e.getMessage()
                    + "; it stays claimed", e);
        }
    }
}

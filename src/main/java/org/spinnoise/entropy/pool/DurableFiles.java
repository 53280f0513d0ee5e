package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two fsync idioms the pool relies on. A rename or a new file is durable only once its directory is forced,
 * and a file replaced by rename must be forced before the rename, or a power cut can leave the new name pointing at
 * empty blocks (the run folder's manifest writer skips both, which is fine for a manifest but not for a cursor).
 */
final class DurableFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    private DurableFiles() {
    }

    /** Replaces {@code target} by {@code content} atomically and durably, through {@code target + ".tmp"}. */
    static void replace(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically; put the pool on a "
                    + "local file system", e);
        }
        forceDirectory(target.getParent());
    }

    /** Makes entries created, renamed or deleted in {@code dir} durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (isWindows()) {
                // Windows cannot open a directory as a channel; NTFS journals renames itself.
                LOG.debug("cannot force directory {} on this platform", dir, e);
                return;
            }
            throw e;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}

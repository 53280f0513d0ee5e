package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code pool.lock} that keeps a second writer (another process, or a second
 * {@link EntropyPool#open} in this one) out of a pool. The operating system drops it when the process dies, so a
 * killed service never leaves a stale lock behind. Once taken, the file's text names the holder ({@link PoolHolder}),
 * so a refused open and {@code pool status} can say who has the pool; a clean close empties it again.
 */
final class PoolLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private PoolLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static PoolLock acquire(PoolLayout layout) throws PoolException {
        Path file = layout.dir().resolve(PoolLayout.LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new PoolException("cannot create lock file " + file + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage() + "; check that the directory is writable", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another open pool in this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PoolException("cannot lock " + file + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw heldBy(layout.dir(), PoolHolder.recorded(layout.dir()));
        }
        try {
            // Who holds it, for the messages of everyone else; written only once the lock is ours.
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(PoolHolder.current().line().getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PoolException("cannot write lock file " + file + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage() + "; check free space and permissions", e);
        }
        PoolHolder.heldHere(file, true);
        return new PoolLock(file, channel, lock);
    }

    /** The refusal to open a pool someone else holds: names the pool and, when known, the holder. */
    static PoolException heldBy(Path poolDir, java.util.Optional<PoolHolder> holder) {
        return new PoolException("entropy pool " + poolDir + " is in use by "
                + holder.map(PoolHolder::describe).orElse("another process or service") + "; stop that one first "
                + "or use another --pool ('spinnoise pool status' reads the pool without the lock)");
    }

    @Override
    public void close() throws IOException {
        PoolHolder.heldHere(file, false);
        try {
            channel.truncate(0); // a clean close leaves no holder behind; a crash leaves a dead one
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock attempt already failed; that error is the one to report
        }
    }
}

package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on {@code pool.lock} that keeps a second writer (another process, or a second
 * {@link EntropyPool#open} in this one) out of a pool. The operating system drops it when the process dies, so a
 * killed service never leaves a stale lock behind.
 */
final class PoolLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private PoolLock(FileChannel channel, FileLock lock) {
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
            throw new PoolException("entropy pool " + layout.dir() + " is already open for writing by another "
                    + "process or service (" + file + " is locked); stop that one first, or read the pool's status "
                    + "without the lock with 'spinnoise pool status'");
        }
        return new PoolLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
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

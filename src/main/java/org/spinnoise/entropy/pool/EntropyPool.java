package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent entropy pool: conditioned, full-entropy bytes appended by the ingest stage, stored durably in
 * segment files, and handed to consumers in order, each byte at most once even across crashes. An acknowledged
 * append survives kill -9 and (as far as fsync does) power loss; damaged records are reported in
 * {@link #status()} and never served; capacity is bounded and an empty pool answers at once. One writer thread may
 * append while any number of consumer threads take. The on-disk format and the crash rules are in the package
 * documentation.
 */
public final class EntropyPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EntropyPool.class);
    private static final int INSPECT_ATTEMPTS = 5;

    private final PoolLayout layout;
    private final PoolConfig config;
    private final PoolLock lock;
    private final SegmentStore store;
    private final Dispenser dispenser;
    private final SourceRegistry sources;
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private EntropyPool(PoolLayout layout, PoolConfig config, PoolLock lock, SegmentStore store,
                        Dispenser dispenser, SourceRegistry sources) {
        this.sources = sources;
        this.layout = layout;
        this.config = config;
        this.lock = lock;
        this.store = store;
        this.dispenser = dispenser;
    }

    /**
     * Whether {@code dir} holds an entropy pool (its cursor file or its segments folder): a consumer opens only a pool
     * that exists, so a mistyped path is an error rather than a new, empty pool.
     */
    public static boolean exists(Path dir) {
        PoolLayout layout = new PoolLayout(dir);
        return Files.isRegularFile(layout.dir().resolve(CursorFile.NAME)) || Files.isDirectory(layout.segmentsDir());
    }

    /** Opens the pool in {@code dir}, creating it if needed and recovering it after a crash. */
    public static EntropyPool open(Path dir, PoolConfig config) throws PoolException {
        Objects.requireNonNull(config, "config");
        PoolLayout layout = new PoolLayout(dir);
        try {
            Files.createDirectories(layout.dir());
        } catch (IOException e) {
            throw new PoolException("cannot create entropy pool directory " + layout.dir() + ": " + e.getMessage(),
                    e);
        }
        PoolLock lock = PoolLock.acquire(layout);
        try {
            RecoveredPool recovered = PoolRecovery.recover(layout, true);
            SegmentStore store = SegmentStore.open(layout, config.segmentBytes(), recovered);
            Dispenser dispenser = new Dispenser(layout.dir(), store, config.reserveChunkBytes(), recovered);
            return new EntropyPool(layout, config, lock, store, dispenser, SourceRegistry.open(layout.dir()));
        } catch (PoolException | RuntimeException e) {
            closeLock(lock);
            throw e;
        }
    }

    /**
     * Reads the status of the pool in {@code dir} without taking its lock or changing any file, so it works while a
     * service holds the pool open. Bytes a running holder has reserved for its consumers are reported as reserved,
     * by that holder; a reservation whose holder is gone (a crash) counts as discarded, as the next open will count
     * it. {@code capacityBytes} is 0 because the configuration is the holder's.
     */
    public static PoolStatus inspect(Path dir) throws PoolException {
        PoolLayout layout = new PoolLayout(dir);
        if (!Files.isRegularFile(layout.dir().resolve(CursorFile.NAME))) {
            throw new PoolException("no entropy pool at " + layout.dir() + " (it has no cursor file); check the path");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                CursorState before = CursorFile.read(layout.dir()).orElse(CursorState.fresh());
                RecoveredPool pool = PoolRecovery.recover(layout, false);
                CursorState after = CursorFile.read(layout.dir()).orElse(CursorState.fresh());
                // A compaction between the two reads deletes segments the scan expected; read again.
                if (before.ledger().equals(after.ledger()) && before.ledger().equals(pool.ledger())) {
                    return statusOf(layout, pool);
                }
            } catch (PoolException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt >= INSPECT_ATTEMPTS) {
                    throw e;
                }
            }
            if (attempt >= INSPECT_ATTEMPTS) {
                throw new PoolException("entropy pool " + layout.dir() + " kept changing under inspection ("
                        + INSPECT_ATTEMPTS + " attempts); try again");
            }
        }
    }

    /**
     * Appends {@code length} bytes of conditioned output with the counters behind them, and returns only once they
     * are on disk; the return value is the pool's new global end offset.
     *
     * @throws PoolFullException when the record would take the pool past its capacity even after compacting
     */
    public long append(byte[] payload, int offset, int length, IngestCounts counts, String sourceId)
            throws PoolException {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.requireNonNull(counts, "counts");
        byte[] source = RecordCodec.sourceIdBytes(Objects.requireNonNull(sourceId, "sourceId"));
        int recordBytes = RecordCodec.encodedBytes(length, source.length);
        if (recordBytes > config.segmentBytes()) {
            throw new IllegalArgumentException("a record of " + recordBytes + " bytes does not fit a segment of "
                    + config.segmentBytes() + " bytes; append smaller payloads or configure larger segments");
        }
        synchronized (writeLock) {
            checkOpen();
            if (store.storedBytes() + recordBytes > config.maxStoredBytes()) {
                dispenser.compact();
            }
            long stored = store.storedBytes();
            if (stored + recordBytes > config.maxStoredBytes()) {
                throw new PoolFullException("entropy pool " + layout.dir() + " is full: " + stored
                        + " bytes stored, capacity " + config.maxStoredBytes() + ", this record needs "
                        + recordBytes + "; serve or compact before ingesting more");
            }
            return store.append(payload, offset, length, counts, source);
        }
    }

    /**
     * Records, durably, that a source's raw bits are about to be ingested; false if this pool has taken them in
     * before (then they must not be ingested again: the same bits would condition to the same output).
     */
    public boolean claimSource(String sourceId) throws PoolException {
        checkOpen();
        return sources.claim(sourceId);
    }

    /**
     * Withdraws a claim whose ingest failed before appending anything (a full disk, say), so the source can be
     * ingested later. Only the ingest that claimed it may call this, and only when no append of it succeeded: bits
     * of a source already in the pool must never be taken in again.
     */
    public void releaseSource(String sourceId) throws PoolException {
        checkOpen();
        sources.release(sourceId);
    }

    /** Exactly {@code byteCount} bytes for {@code consumer}, or {@link PoolExhaustedException} at once. */
    public byte[] take(String consumer, int byteCount) throws PoolException {
        checkTake(consumer, byteCount);
        return dispenser.take(consumer, byteCount, false);
    }

    /** Up to {@code maxBytes} bytes for {@code consumer}: whatever the pool holds, possibly none. */
    public byte[] takeUpTo(String consumer, int maxBytes) throws PoolException {
        checkTake(consumer, maxBytes);
        return dispenser.take(consumer, maxBytes, true);
    }

    public PoolStatus status() {
        return dispenser.status(config.maxStoredBytes());
    }

    /** Deletes segment files whose bytes have all been served or skipped; the counters stay in the ledger. */
    public void compact() throws PoolException {
        synchronized (writeLock) {
            checkOpen();
            dispenser.compact();
        }
    }

    /** Gives back the unused reservation, closes the files and releases the lock. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                dispenser.release();
            } catch (PoolException e) {
                LOG.warn("Entropy pool {}: could not record the final cursor; the reserved bytes will be skipped "
                        + "on the next open", layout.dir(), e);
            }
            synchronized (dispenser) {
                store.close();
            }
            closeLock(lock);
        }
    }

    private void checkOpen() throws PoolException {
        if (closed) {
            throw new PoolException("entropy pool " + layout.dir() + " is closed; open it again");
        }
    }

    private void checkTake(String consumer, int bytes) throws PoolException {
        Objects.requireNonNull(consumer, "consumer");
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot take a negative number of bytes: " + bytes);
        }
        checkOpen();
    }

    private static PoolStatus statusOf(PoolLayout layout, RecoveredPool pool) {
        long served = pool.bytesOutByConsumer().values().stream().mapToLong(Long::longValue).sum();
        long available = pool.appendedEnd() - pool.position()
                - PoolRecovery.corruptWithin(pool.corruptRanges(), pool.position(), pool.appendedEnd());
        IngestTotals totals = pool.totals();
        return new PoolStatus(layout.dir(), totals.rawBitsIn(), totals.quarantinedBits(),
                totals.creditedEntropyBits(), pool.appendedEnd(), served, available,
                pool.bytesDiscardedAtRecovery(),
                PoolRecovery.corruptWithin(pool.corruptRanges(), 0, Long.MAX_VALUE),
                pool.corruptRanges().stream().map(CorruptRange::describe).toList(), pool.bytesOutByConsumer(),
                pool.segments().size(), 0, pool.liveReservation().map(RecoveredPool.Reservation::bytes).orElse(0L),
                pool.liveReservation().map(r -> r.holder().describe()).orElse(""), pool.bytesTornAtRecovery());
    }

    private static void closeLock(PoolLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("Entropy pool: releasing the lock failed", e);
        }
    }
}

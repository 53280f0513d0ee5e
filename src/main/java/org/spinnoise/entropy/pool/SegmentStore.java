package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files of an open pool and the index from global offsets to payload bytes. Appends, roll-over and
 * deletes run under the pool's write lock; takers read concurrently through {@link #read}. A record becomes
 * visible to takers ({@link #appendedEnd()} moves past it) only after {@link FileChannel#force} returned for it and
 * its end was committed to the {@link CommitLog}.
 */
final class SegmentStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);

    private final PoolLayout layout;
    private final long segmentBytes;
    private final List<Segment> segments = new ArrayList<>();
    private final ConcurrentNavigableMap<Long, Extent> extents = new ConcurrentSkipListMap<>();
    private CommitLog commits;
    private volatile long appendedEnd;
    private volatile long storedBytes;
    private volatile IngestTotals totals;
    private volatile int segmentCount;
    private int nextIndex;
    private boolean broken;

    private SegmentStore(PoolLayout layout, long segmentBytes) {
        this.layout = layout;
        this.segmentBytes = segmentBytes;
    }

    static SegmentStore open(PoolLayout layout, long segmentBytes, RecoveredPool recovered) throws PoolException {
        SegmentStore store = new SegmentStore(layout, segmentBytes);
        try {
            Files.createDirectories(layout.segmentsDir());
            store.commits = CommitLog.open(layout.dir());
            long stored = 0;
            for (RecoveredPool.RecoveredSegment found : recovered.segments()) {
                FileChannel channel = FileChannel.open(found.path(), StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                Segment segment = new Segment(found.index(), found.path(), channel, found.fileBytes(),
                        found.endOffset(), found.totals());
                store.segments.add(segment);
                for (DecodedRecord record : found.records()) {
                    store.index(new Extent(record.globalOffset(), record.payloadBytes(), segment,
                            record.payloadPosition()));
                }
                stored += found.fileBytes();
            }
            int lastIndex = store.segments.isEmpty() ? 0 : store.segments.get(store.segments.size() - 1).index();
            // Never reuse a compacted segment's number: recovery deletes those numbers as leftovers.
            store.nextIndex = Math.max(lastIndex, recovered.ledger().compactedThroughSegment()) + 1;
            store.storedBytes = stored;
            store.totals = recovered.totals();
            store.segmentCount = store.segments.size();
            store.appendedEnd = recovered.appendedEnd();
            return store;
        } catch (IOException e) {
            store.close();
            throw new PoolException("cannot open the segments of entropy pool " + layout.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes one record and forces it to disk; returns the new global end offset. Called under the write lock.
     */
    long append(byte[] payload, int offset, int length, IngestCounts counts, byte[] sourceIdUtf8)
            throws PoolException {
        if (broken) {
            throw new PoolException("entropy pool " + layout.dir() + " refuses appends: an earlier failed write "
                    + "could not be rolled back; close and reopen the pool to recover it");
        }
        int recordBytes = RecordCodec.encodedBytes(length, sourceIdUtf8.length);
        Segment segment = segmentWithRoomFor(recordBytes);
        long start = appendedEnd;
        ByteBuffer record = RecordCodec.encode(start, payload, offset, length, counts, sourceIdUtf8);
        long position = segment.fileBytes();
        try {
            while (record.hasRemaining()) {
                segment.channel().write(record, position + record.position());
            }
            segment.channel().force(true);
        } catch (IOException e) {
            rollBack(segment, position);
            throw new PoolException("cannot append to " + segment.path() + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage() + "; check free space on its file system", e);
        }
        long end = start + length;
        try {
            commits.commit(end); // from here on the record is acknowledged: damage to it is corruption
        } catch (IOException e) {
            rollBack(segment, position);
            throw new PoolException("cannot record the append in " + commits.file() + " of entropy pool "
                    + layout.dir() + ": " + e.getMessage() + "; check free space on its file system", e);
        }
        segment.recordAppended(recordBytes, end, counts);
        index(new Extent(start, length, segment,
                position + RecordCodec.payloadOffsetInRecord(sourceIdUtf8.length)));
        storedBytes += recordBytes;
        totals = totals.plus(counts);
        appendedEnd = end; // publish last: takers read the index only below this offset
        return end;
    }

    /**
     * Copies {@code into.length} readable bytes starting at global offset {@code from}, skipping corrupt gaps, and
     * returns the global offset just after the last byte copied. The caller has checked that they exist.
     */
    long read(long from, byte[] into) throws PoolException {
        int filled = 0;
        long offset = from;
        Long startKey = extents.floorKey(from);
        for (Extent extent : extents.tailMap(startKey == null ? from : startKey, true).values()) {
            if (filled == into.length) {
                break;
            }
            if (extent.globalEnd() <= offset) {
                continue;
            }
            long start = Math.max(offset, extent.globalOffset());
            int count = (int) Math.min(into.length - filled, extent.globalEnd() - start);
            readFully(extent.segment(), extent.filePosition() + (start - extent.globalOffset()), into, filled, count);
            filled += count;
            offset = start + count;
        }
        if (filled < into.length) {
            throw new IllegalStateException("pool index holds " + filled + " of " + into.length
                    + " bytes from offset " + from + " that the accounting promised");
        }
        return offset;
    }

    /** Leading segments whose records all lie below {@code position}; the newest segment always stays. */
    List<Segment> consumedSegments(long position) {
        List<Segment> consumed = new ArrayList<>();
        for (int i = 0; i < segments.size() - 1 && segments.get(i).endOffset() <= position; i++) {
            consumed.add(segments.get(i));
        }
        return consumed;
    }

    /** Deletes segments already accounted for in the durable ledger. Called under the write and serve locks. */
    void delete(List<Segment> consumed) throws PoolException {
        try {
            for (Segment segment : consumed) {
                segment.channel().close();
                Files.deleteIfExists(segment.path());
                extents.headMap(segment.endOffset()).clear();
                segments.remove(segment);
                storedBytes -= segment.fileBytes();
            }
            segmentCount = segments.size();
            DurableFiles.forceDirectory(layout.segmentsDir());
        } catch (IOException e) {
            throw new PoolException("cannot delete consumed segments of entropy pool " + layout.dir() + ": "
                    + e.getMessage() + "; they are already counted as compacted and are removed on the next open",
                    e);
        }
    }

    long appendedEnd() {
        return appendedEnd;
    }

    long storedBytes() {
        return storedBytes;
    }

    IngestTotals totals() {
        return totals;
    }

    int segmentCount() {
        return segmentCount;
    }

    @Override
    public void close() {
        if (commits != null) {
            try {
                commits.close();
            } catch (IOException e) {
                LOG.warn("Entropy pool {}: closing {} failed", layout.dir(), commits.file(), e);
            }
        }
        for (Segment segment : segments) {
            try {
                segment.channel().close();
            } catch (IOException e) {
                LOG.warn("Entropy pool {}: closing {} failed", layout.dir(), segment.path(), e);
            }
        }
    }

    private void index(Extent extent) {
        if (extent.bytes() > 0) { // an empty record only carries counters, and would share its key with the next
            extents.put(extent.globalOffset(), extent);
        }
    }

    private Segment segmentWithRoomFor(int recordBytes) throws PoolException {
        Segment active = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        if (active != null && (active.fileBytes() == 0 || active.fileBytes() + recordBytes <= segmentBytes)) {
            return active;
        }
        Path path = layout.segment(nextIndex);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            DurableFiles.forceDirectory(layout.segmentsDir()); // the new name must survive a power cut
            Segment segment = new Segment(nextIndex, path, channel, 0, appendedEnd, IngestTotals.ZERO);
            segments.add(segment);
            segmentCount = segments.size();
            nextIndex++;
            return segment;
        } catch (IOException e) {
            throw new PoolException("cannot create segment " + path + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage() + "; check free space and permissions", e);
        }
    }

    private void rollBack(Segment segment, long position) {
        try {
            segment.channel().truncate(position);
            segment.channel().force(true);
        } catch (IOException e) {
            broken = true;
            LOG.error("Entropy pool {}: cannot cut the failed append off {}", layout.dir(), segment.path(), e);
        }
    }

    private void readFully(Segment segment, long position, byte[] into, int offset, int count)
            throws PoolException {
        ByteBuffer buffer = ByteBuffer.wrap(into, offset, count);
        try {
            while (buffer.hasRemaining()) {
                int n = segment.channel().read(buffer, position + (buffer.position() - offset));
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
        } catch (IOException e) {
            throw new PoolException("cannot read " + segment.path() + " of entropy pool " + layout.dir() + ": "
                    + e.getMessage(), e);
        }
    }
}

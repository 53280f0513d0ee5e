package org.spinnoise.entropy.pool;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One open segment file. Its size, end offset and totals change only under the pool's write lock; the channel is
 * shared by the writer (positional writes at the end) and the takers (positional reads of forced records).
 */
final class Segment {
    private final int index;
    private final Path path;
    private final FileChannel channel;
    private long fileBytes;
    private long endOffset;
    private IngestTotals totals;

    Segment(int index, Path path, FileChannel channel, long fileBytes, long endOffset, IngestTotals totals) {
        this.index = index;
        this.path = path;
        this.channel = channel;
        this.fileBytes = fileBytes;
        this.endOffset = endOffset;
        this.totals = totals;
    }

    void recordAppended(int recordBytes, long newEndOffset, IngestCounts counts) {
        fileBytes += recordBytes;
        endOffset = newEndOffset;
        totals = totals.plus(counts);
    }

    int index() {
        return index;
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    long fileBytes() {
        return fileBytes;
    }

    /** Global offset where this segment's intact records end. */
    long endOffset() {
        return endOffset;
    }

    IngestTotals totals() {
        return totals;
    }
}

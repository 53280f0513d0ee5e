package org.spinnoise.entropy.pool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the segments of a pool in order, verifying every record, and works out which global offsets were lost.
 * Each record carries its own global offset, so after damaged bytes the scanner resynchronises at the next intact
 * record and the lost range is exactly the gap in offsets; nothing after it shifts. Damaged bytes at the end of a
 * segment are charged to the gap before the next intact record found in any later segment.
 */
final class SegmentScanner {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentScanner.class);

    /** The records of one segment and where they end; {@code tailGarbageBytes} follow with no intact record. */
    record SegmentScan(List<DecodedRecord> records, int intactEndPosition, int tailGarbageBytes) {
    }

    private final List<CorruptRange> corrupt = new ArrayList<>();
    private final List<String> pendingDamage = new ArrayList<>();
    private long pendingDamageBytes;
    private final Path poolDir;
    private long expectedOffset;

    SegmentScanner(Path poolDir, long startOffset) {
        this.poolDir = poolDir;
        this.expectedOffset = startOffset;
    }

    SegmentScan scan(String fileLabel, byte[] data, int length) {
        List<DecodedRecord> records = new ArrayList<>();
        int position = 0;
        while (position < length) {
            DecodedRecord record = decodeAt(data, position, length);
            if (record != null) {
                accept(record);
                records.add(record);
                position += record.recordBytes();
                continue;
            }
            int next = findNextRecord(data, position + 1, length);
            if (next < 0) {
                return new SegmentScan(records, position, length - position);
            }
            noteDamage(fileLabel + " file bytes " + position + ".." + next + " are not an intact record",
                    next - position);
            position = next;
        }
        return new SegmentScan(records, position, 0);
    }

    /** Damaged bytes at the end of a segment that is not the pool's last one: they held acknowledged records. */
    void noteDamagedTail(String fileLabel, int fromPosition, int bytes) {
        noteDamage(fileLabel + " file bytes " + fromPosition + ".." + (fromPosition + bytes)
                + " at its end are not an intact record", bytes);
    }

    /** Offsets up to {@code offset} are known to have been appended (the cursor reserved them) but are gone. */
    void noteMissingUpTo(long offset, String cause) {
        if (offset > expectedOffset) {
            addCorrupt(new CorruptRange(expectedOffset, offset, cause));
            expectedOffset = offset;
        }
    }

    /**
     * Closes the scan. Damage not followed by any intact record is charged conservatively: a lost record's payload
     * is shorter than the damaged bytes that held it, so new appends start past every offset it could have used.
     */
    long finish() {
        if (!pendingDamage.isEmpty()) {
            addCorrupt(new CorruptRange(expectedOffset, expectedOffset + pendingDamageBytes,
                    String.join("; ", pendingDamage) + " (upper bound: no intact record follows)"));
            expectedOffset += pendingDamageBytes;
            pendingDamage.clear();
            pendingDamageBytes = 0;
        }
        return expectedOffset;
    }

    List<CorruptRange> corruptRanges() {
        return corrupt;
    }

    private void accept(DecodedRecord record) {
        if (record.globalOffset() > expectedOffset) {
            String cause = pendingDamage.isEmpty()
                    ? "no record holds them (a segment file may be missing)" : String.join("; ", pendingDamage);
            addCorrupt(new CorruptRange(expectedOffset, record.globalOffset(), cause));
        } else if (!pendingDamage.isEmpty()) {
            LOG.warn("Entropy pool {}: {}, but no payload offsets were lost", poolDir,
                    String.join("; ", pendingDamage));
        }
        pendingDamage.clear();
        pendingDamageBytes = 0;
        expectedOffset = record.globalEnd();
    }

    private void noteDamage(String cause, long bytes) {
        pendingDamage.add(cause);
        pendingDamageBytes += bytes;
    }

    private void addCorrupt(CorruptRange range) {
        corrupt.add(range);
        LOG.warn("Entropy pool {}: corrupt payload, never served: {}", poolDir, range.describe());
    }

    /** A record only counts if it continues the offset sequence; an older offset means a false match. */
    private DecodedRecord decodeAt(byte[] data, int position, int length) {
        DecodedRecord record = RecordCodec.decode(data, position, length);
        return record != null && record.globalOffset() >= expectedOffset ? record : null;
    }

    private int findNextRecord(byte[] data, int from, int length) {
        for (int p = from; p + RecordCodec.FIXED_HEADER_BYTES <= length; p++) {
            if (startsWithMagic(data, p) && decodeAt(data, p, length) != null) {
                return p;
            }
        }
        return -1;
    }

    private static boolean startsWithMagic(byte[] data, int p) {
        int word = (data[p] & 0xFF) << 24 | (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | data[p + 3] & 0xFF;
        return word == RecordCodec.MAGIC;
    }
}

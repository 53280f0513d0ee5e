package org.spinnoise.entropy.pool;

import java.nio.ByteBuffer;
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
     * Damaged bytes at the end of the newest segment that held acknowledged records: the commit log says offsets
     * up to {@code committedEnd} were committed, and no intact record holds them.
     */
    void noteDamagedCommittedTail(String fileLabel, int fromPosition, int bytes, long committedEnd) {
        noteDamage(fileLabel + " file bytes " + fromPosition + ".." + (fromPosition + bytes) + " at its end are not "
                + "an intact record, but the commit log says offsets up to " + committedEnd + " were acknowledged",
                bytes);
    }

    /** The global offset the next intact record must start at (the end of the last one accepted). */
    long expectedOffset() {
        return expectedOffset;
    }

    /**
     * Closes the scan. Damage not followed by any intact record is charged up to {@code committedEnd}, the end of
     * the last acknowledged append, when the commit log knows it (-1 when not) and it lies beyond; otherwise
     * conservatively: a lost record's payload is shorter than the damaged bytes that held it, so new appends start
     * past every offset it could have used.
     */
    long finish(long committedEnd) {
        if (!pendingDamage.isEmpty()) {
            boolean exact = committedEnd > expectedOffset;
            long end = exact ? committedEnd : expectedOffset + pendingDamageBytes;
            addCorrupt(new CorruptRange(expectedOffset, end, String.join("; ", pendingDamage)
                    + (exact ? " (no intact record follows)" : " (upper bound: no intact record follows)")));
            expectedOffset = end;
            pendingDamage.clear();
            pendingDamageBytes = 0;
        }
        return expectedOffset;
    }

    /**
     * Whether the {@code length - position} bytes at {@code position} can be the start of a record for the expected
     * offset that a crash cut short: what is there agrees with the header such a record would have (as far as it
     * goes), and the record it announces is longer than the bytes left. Anything else is damage, not a torn write.
     * Used for pools without a commit log, where nothing else tells a torn append from lost committed records.
     */
    boolean looksLikeTornAppend(byte[] data, int position, int length) {
        int have = length - position;
        ByteBuffer prefix = ByteBuffer.allocate(13)
                .putInt(RecordCodec.MAGIC).put(RecordCodec.VERSION).putLong(expectedOffset);
        for (int i = 0; i < Math.min(have, prefix.capacity()); i++) {
            if (data[position + i] != prefix.get(i)) {
                return false;
            }
        }
        if (have < RecordCodec.FIXED_HEADER_BYTES) {
            return true;
        }
        ByteBuffer header = ByteBuffer.wrap(data, position, RecordCodec.FIXED_HEADER_BYTES);
        int payloadBytes = header.getInt(position + 13);
        int sourceIdBytes = Short.toUnsignedInt(header.getShort(position + RecordCodec.FIXED_HEADER_BYTES - 2));
        long announced = (long) RecordCodec.encodedBytes(0, sourceIdBytes) + payloadBytes;
        return payloadBytes >= 0 && sourceIdBytes <= RecordCodec.MAX_SOURCE_ID_BYTES && announced > have;
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

package org.spinnoise.entropy.pool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes one segment record in the layout documented in the package notes. Decoding is strict: a
 * record is accepted only when its magic, version, lengths and CRC-32C all agree, so the scanner can also use
 * {@link #decode} to find the next intact record after a damaged one.
 */
final class RecordCodec {
    /** "SPNP": spinnoise pool. */
    static final int MAGIC = 0x53504E50;
    static final byte VERSION = 1;
    /** magic, version, global offset, payload length, raw bits, quarantined bits, credited bits, source id length. */
    static final int FIXED_HEADER_BYTES = 4 + 1 + 8 + 4 + 8 + 8 + 8 + 2;
    static final int CRC_BYTES = 4;
    static final int MAX_SOURCE_ID_BYTES = 1024;

    private RecordCodec() {
    }

    static int encodedBytes(int payloadBytes, int sourceIdBytes) {
        return FIXED_HEADER_BYTES + sourceIdBytes + payloadBytes + CRC_BYTES;
    }

    static byte[] sourceIdBytes(String sourceId) {
        byte[] utf8 = sourceId.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_SOURCE_ID_BYTES) {
            throw new IllegalArgumentException("sourceId is " + utf8.length + " bytes of UTF-8, at most "
                    + MAX_SOURCE_ID_BYTES + " allowed");
        }
        return utf8;
    }

    /** The whole record, ready to write, positioned at 0. */
    static ByteBuffer encode(long globalOffset, byte[] payload, int offset, int length, IngestCounts counts,
                             byte[] sourceIdUtf8) {
        ByteBuffer record = ByteBuffer.allocate(encodedBytes(length, sourceIdUtf8.length)); // big-endian
        record.putInt(MAGIC)
                .put(VERSION)
                .putLong(globalOffset)
                .putInt(length)
                .putLong(counts.rawBitsIn())
                .putLong(counts.quarantinedBits())
                .putLong(Double.doubleToLongBits(counts.creditedEntropyBits()))
                .putShort((short) sourceIdUtf8.length)
                .put(sourceIdUtf8)
                .put(payload, offset, length);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue());
        return record.flip();
    }

    /** Payload position relative to the record start. */
    static int payloadOffsetInRecord(int sourceIdBytes) {
        return FIXED_HEADER_BYTES + sourceIdBytes;
    }

    /**
     * The intact record starting at {@code position} in {@code data[0, limit)}, or null when there is none there
     * (wrong magic, implausible lengths, truncated, or CRC mismatch).
     */
    static DecodedRecord decode(byte[] data, int position, int limit) {
        if (limit - position < FIXED_HEADER_BYTES + CRC_BYTES) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(data, position, limit - position);
        if (in.getInt() != MAGIC || in.get() != VERSION) {
            return null;
        }
        long globalOffset = in.getLong();
        int payloadBytes = in.getInt();
        long rawBitsIn = in.getLong();
        long quarantinedBits = in.getLong();
        double creditedBits = Double.longBitsToDouble(in.getLong());
        int sourceIdBytes = Short.toUnsignedInt(in.getShort());
        if (globalOffset < 0 || payloadBytes < 0 || sourceIdBytes > MAX_SOURCE_ID_BYTES) {
            return null;
        }
        long recordBytes = (long) encodedBytes(0, sourceIdBytes) + payloadBytes;
        if (recordBytes > limit - position) {
            return null;
        }
        int crcPosition = position + (int) recordBytes - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(data, position, crcPosition - position);
        if (ByteBuffer.wrap(data, crcPosition, CRC_BYTES).getInt() != (int) crc.getValue()) {
            return null;
        }
        if (quarantinedBits < 0 || quarantinedBits > rawBitsIn || !(creditedBits >= 0)
                || Double.isInfinite(creditedBits)) {
            return null; // only a writer bug could seal such counters with a good CRC; refuse rather than throw
        }
        String sourceId = new String(data, position + FIXED_HEADER_BYTES, sourceIdBytes, StandardCharsets.UTF_8);
        return new DecodedRecord(globalOffset, payloadBytes, position + payloadOffsetInRecord(sourceIdBytes),
                (int) recordBytes, new IngestCounts(rawBitsIn, quarantinedBits, creditedBits), sourceId);
    }
}

package org.spinnoise.entropy.pool;

/**
 * One intact record found in a segment file.
 *
 * @param globalOffset    pool-wide offset of the first payload byte
 * @param payloadBytes    payload length
 * @param payloadPosition file position of the first payload byte
 * @param recordBytes     whole record length, header and CRC included
 * @param counts          the ingest counters stored with the record
 * @param sourceId        which source produced it
 */
record DecodedRecord(long globalOffset, int payloadBytes, long payloadPosition, int recordBytes,
                     IngestCounts counts, String sourceId) {
    long globalEnd() {
        return globalOffset + payloadBytes;
    }
}

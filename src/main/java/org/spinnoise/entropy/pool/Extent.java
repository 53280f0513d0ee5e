package org.spinnoise.entropy.pool;

/**
 * Where one record's payload lives: global offsets {@code [globalOffset, globalOffset + bytes)} are the bytes at
 * {@code filePosition} of {@code segment}.
 */
record Extent(long globalOffset, int bytes, Segment segment, long filePosition) {
    long globalEnd() {
        return globalOffset + bytes;
    }
}

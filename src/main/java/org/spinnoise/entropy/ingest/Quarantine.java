package org.spinnoise.entropy.ingest;

import java.io.IOException;

/**
 * Where raw bits go that failed a health test (or belonged to a failed start-up test): kept for study, never credited
 * and never served.
 */
public interface Quarantine {

    /**
     * Keeps a block of packed raw bits.
     *
     * @param firstBitIndex index of the block's first bit in the source's raw stream
     * @param reason which test failed, in words
     */
    void keep(long firstBitIndex, byte[] packed, int offset, int length, String reason) throws IOException;

    /** A quarantine that only counts (for benchmarks). */
    Quarantine DISCARD = (firstBitIndex, packed, offset, length, reason) -> { };
}

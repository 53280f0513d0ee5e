package org.spinnoise.entropy.pool;

/** Running sums of the ingest counters of a set of records; immutable so readers can share it without locks. */
record IngestTotals(long rawBitsIn, long quarantinedBits, double creditedEntropyBits) {
    static final IngestTotals ZERO = new IngestTotals(0, 0, 0);

    IngestTotals plus(IngestCounts counts) {
        return new IngestTotals(rawBitsIn + counts.rawBitsIn(), quarantinedBits + counts.quarantinedBits(),
                creditedEntropyBits + counts.creditedEntropyBits());
    }

    IngestTotals plus(IngestTotals other) {
        return new IngestTotals(rawBitsIn + other.rawBitsIn, quarantinedBits + other.quarantinedBits,
                creditedEntropyBits + other.creditedEntropyBits);
    }
}

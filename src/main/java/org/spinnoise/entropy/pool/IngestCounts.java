package org.spinnoise.entropy.pool;

/**
 * What one appended record stands for upstream of the conditioner: how many raw bits came in, how many of those
 * were quarantined by the health tests (and never used), and how much min-entropy the conditioner credited to its
 * output. The pool stores these beside the payload so {@link EntropyPool#status()} can be derived from the
 * segments alone.
 *
 * @param rawBitsIn           raw bits read from the junctions for this record, quarantined ones included
 * @param quarantinedBits     raw bits that failed a health test and were discarded
 * @param creditedEntropyBits min-entropy credited to the payload, in bits
 */
public record IngestCounts(long rawBitsIn, long quarantinedBits, double creditedEntropyBits) {
    public IngestCounts {
        if (rawBitsIn < 0 || quarantinedBits < 0 || quarantinedBits > rawBitsIn) {
            throw new IllegalArgumentException("need 0 <= quarantinedBits <= rawBitsIn, got rawBitsIn=" + rawBitsIn
                    + " quarantinedBits=" + quarantinedBits);
        }
        if (!(creditedEntropyBits >= 0) || Double.isInfinite(creditedEntropyBits)) {
            throw new IllegalArgumentException("creditedEntropyBits must be finite and >= 0, got "
                    + creditedEntropyBits);
        }
    }
}

package org.spinnoise.entropy.ingest;

/** One health-test alarm during ingest: where in the raw stream, in which phase, and what was done with the bits. */
public record HealthEvent(long firstBitIndex, long bits, String phase, String action) {
}

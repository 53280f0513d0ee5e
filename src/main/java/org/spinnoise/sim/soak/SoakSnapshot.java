package org.spinnoise.sim.soak;

/**
 * The soak's figures at one moment, for its periodic line.
 *
 * @param runs         bench and board runs started
 * @param runsFailed   of them, stopped with an error
 * @param poolBytes    bytes the pool holds now
 */
public record SoakSnapshot(double elapsedSeconds, double plannedSeconds, long bitsAcquired, long runs,
                           long runsFailed, long poolBytes, long bytesServed, FaultCounts faults, long overlaps,
                           long heapUsedAfterGcBytes, long rssBytes, int threads, int openFiles) {
}

package org.spinnoise.entropy.assess;

/**
 * How far one estimator has got through its sample, written by the estimator every {@link #EVERY} bits and read by
 * the assessment's driver thread to report progress. A volatile write every 65,536 bits costs the loops nothing.
 */
final class Tally {
    /** Estimators report when {@code (i & EVERY_MASK) == 0}. */
    static final int EVERY_MASK = (1 << 16) - 1;
    static final int EVERY = EVERY_MASK + 1;
    /** For callers that do not watch. */
    static final Tally IGNORED = new Tally();

    private volatile long bits;

    void reached(long bitsDone) {
        bits = bitsDone;
    }

    long bits() {
        return bits;
    }
}

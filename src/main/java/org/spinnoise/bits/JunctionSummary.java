package org.spinnoise.bits;

import java.util.List;
import org.spinnoise.entropy.HealthTestReport;

/**
 * What one junction of a {@link JunctionArraySource} gave: how many of its bits were handed out and how many were
 * ones, how many it made that went through its health tests, how many were discarded (the failing batch and the bits
 * held back behind it when it was dropped, or bits left held when the run ended), its health tests, and whether it
 * is still live, ended with its source, or was dropped (and why).
 *
 * @param junction       the junction's id in the array
 * @param source         its source, in one line
 * @param status         "live", "ended" or "dropped"
 * @param reason         why it was dropped; null otherwise
 * @param bits           bits handed out
 * @param ones           ones among them
 * @param bitsTested     bits that went through its health tests
 * @param bitsDiscarded  bits it made that were never handed out
 * @param healthFailures failures of its health tests (0 or 1: a failure drops it)
 * @param health         its repetition count and adaptive proportion tests
 */
public record JunctionSummary(int junction, String source, String status, String reason, long bits, long ones,
                              long bitsTested, long bitsDiscarded, long healthFailures,
                              List<HealthTestReport> health) {

    public JunctionSummary {
        health = List.copyOf(health);
    }

    /** Fraction of ones minus one half; NaN before any bit was handed out. */
    public double bias() {
        return bits == 0 ? Double.NaN : (double) ones / bits - 0.5;
    }
}

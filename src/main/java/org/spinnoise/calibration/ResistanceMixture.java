package org.spinnoise.calibration;

import org.spinnoise.bits.Threshold;

/**
 * A two-state Gaussian mixture fitted to resistance reads: the parallel (low) and antiparallel (high) states with
 * their read noise, the parallel state's weight, the threshold between them and what it costs. The read error rate is
 * the probability that a read lands on the wrong side of the threshold (weighted over both states); the guard band is
 * the interval around the threshold inside which a read's posterior probability of the state it would be assigned is
 * below {@code confidence}, so such reads are counted as ambiguous and never made bits.
 *
 * @param reads                      reads fitted
 * @param parallelOhms               mean of the parallel state, ohms
 * @param parallelSigmaOhms          read noise of the parallel state, ohms
 * @param antiparallelOhms           mean of the antiparallel state, ohms
 * @param antiparallelSigmaOhms      read noise of the antiparallel state, ohms
 * @param parallelOhmsStdErr         standard error of {@code parallelOhms}
 * @param antiparallelOhmsStdErr     standard error of {@code antiparallelOhms}
 * @param parallelSigmaStdErr        standard error of {@code parallelSigmaOhms}
 * @param antiparallelSigmaStdErr    standard error of {@code antiparallelSigmaOhms}
 * @param parallelWeight             fraction of reads in the parallel state (of the unlabelled reads when there were
 *                                   any; 0.5 when every read was labelled, since labelled reads are taken half in each
 *                                   state by design and say nothing about the operating point)
 * @param rule                       how the threshold was placed
 * @param thresholdOhms              the threshold: reads above it are antiparallel (bit 1)
 * @param readErrorRate              probability that a read is thresholded into the wrong state
 * @param confidence                 posterior probability a read needs to become a bit
 * @param guardLowOhms               lower edge of the guard band, ohms
 * @param guardHighOhms              upper edge of the guard band, ohms
 * @param iterations                 EM iterations used
 */
public record ResistanceMixture(int reads, double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                                double antiparallelSigmaOhms, double parallelOhmsStdErr,
                                double antiparallelOhmsStdErr, double parallelSigmaStdErr,
                                double antiparallelSigmaStdErr, double parallelWeight, ThresholdRule rule,
                                double thresholdOhms, double readErrorRate, double confidence, double guardLowOhms,
                                double guardHighOhms, int iterations) {

    /**
     * How the threshold is placed. With the state weights at the operating point known (unlabelled reads taken
     * there), where the two weighted densities are equal: the fewest misreads in total. Without them (every read
     * labelled by its intended state), where both states are misread equally often: the misreads then cancel in
     * the bit bias at p = 1/2 instead of tilting it, which matters more for fair bits than the total.
     */
    public enum ThresholdRule { EQUAL_WEIGHTED_DENSITY, EQUAL_ERROR }

    /** The threshold for the bit sources, with the guard band. */
    public Threshold threshold() {
        return new Threshold(thresholdOhms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms,
                guardLowOhms, guardHighOhms);
    }

    /** Tunnel magnetoresistance ratio (R_AP − R_P) / R_P. */
    public double tmr() {
        return (antiparallelOhms - parallelOhms) / parallelOhms;
    }

    /** Sigmas of read noise between the states: (R_AP − R_P) / (σ_P + σ_AP). */
    public double marginSigmas() {
        return (antiparallelOhms - parallelOhms) / (parallelSigmaOhms + antiparallelSigmaOhms);
    }
}

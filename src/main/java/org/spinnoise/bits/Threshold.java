package org.spinnoise.bits;

/**
 * The resistance that separates the parallel (low, bit 0) and antiparallel (high, bit 1) states, with the two state
 * levels and their read noise it was derived from. It sits where both states are the same number of standard
 * deviations away, so the chance of misreading either state is the same and as small as the noise allows.
 */
public record Threshold(double ohms, double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                        double antiparallelSigmaOhms) {

    /** Places the threshold between two measured states. */
    public static Threshold between(double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                                    double antiparallelSigmaOhms) {
        double sigmas = parallelSigmaOhms + antiparallelSigmaOhms;
        double ohms = sigmas > 0
                ? (parallelOhms * antiparallelSigmaOhms + antiparallelOhms * parallelSigmaOhms) / sigmas
                : (parallelOhms + antiparallelOhms) / 2;
        return new Threshold(ohms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms);
    }

    /** 1 for the antiparallel (high resistance) state, 0 for parallel. */
    public int bitOf(double resistanceOhms) {
        return resistanceOhms > ohms ? 1 : 0;
    }

    /** How many standard deviations of read noise lie between each state and the threshold. */
    public double marginSigmas() {
        double sigmas = parallelSigmaOhms + antiparallelSigmaOhms;
        return sigmas > 0 ? (antiparallelOhms - parallelOhms) / sigmas : Double.POSITIVE_INFINITY;
    }

    /** Tunnel magnetoresistance ratio (R_AP − R_P) / R_P. */
    public double tmr() {
        return (antiparallelOhms - parallelOhms) / parallelOhms;
    }
}

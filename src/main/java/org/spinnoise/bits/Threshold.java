package org.spinnoise.bits;

/**
 * The resistance that separates the parallel (low, bit 0) and antiparallel (high, bit 1) states, with the two state
 * levels and their read noise it was derived from, and a guard band around it. A read inside the guard band
 * ({@code guardLowOhms < r < guardHighOhms}) is ambiguous: sources count it and never turn it into a bit, because a
 * read that close to the threshold is nearly as likely to belong to either state. A threshold without a guard band has
 * both edges equal to {@code ohms}.
 */
public record Threshold(double ohms, double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                        double antiparallelSigmaOhms, double guardLowOhms, double guardHighOhms) {

    public Threshold {
        if (!(guardLowOhms <= ohms && ohms <= guardHighOhms)) {
            throw new IllegalArgumentException("the guard band " + guardLowOhms + " .. " + guardHighOhms
                    + " ohm must enclose the threshold " + ohms + " ohm");
        }
    }

    /** A threshold without a guard band. */
    public Threshold(double ohms, double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                     double antiparallelSigmaOhms) {
        this(ohms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms, ohms, ohms);
    }

    /** Places the threshold between two measured states, where both are the same number of sigmas away; no guard band. */
    public static Threshold between(double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                                    double antiparallelSigmaOhms) {
        double sigmas = parallelSigmaOhms + antiparallelSigmaOhms;
        double ohms = sigmas > 0
                ? (parallelOhms * antiparallelSigmaOhms + antiparallelOhms * parallelSigmaOhms) / sigmas
                : (parallelOhms + antiparallelOhms) / 2;
        return new Threshold(ohms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms);
    }

    /** The same threshold with a guard band from {@code lowOhms} to {@code highOhms}. */
    public Threshold withGuardBand(double lowOhms, double highOhms) {
        return new Threshold(ohms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms, lowOhms,
                highOhms);
    }

    /** 1 for the antiparallel (high resistance) state, 0 for parallel. */
    public int bitOf(double resistanceOhms) {
        return resistanceOhms > ohms ? 1 : 0;
    }

    /** True when a read falls strictly inside the guard band: it is counted, never made a bit. */
    public boolean isAmbiguous(double resistanceOhms) {
        return resistanceOhms > guardLowOhms && resistanceOhms < guardHighOhms;
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

package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.ThresholdCalibration;

/**
 * A device's two resistance states and the threshold between them, in ohms: each state's centre and read-noise
 * sigma, the threshold, the guard band around it (reads inside are ambiguous, never bits; both edges equal the
 * threshold when there is none), the TMR and the read error rate the overlap of the two states implies.
 *
 * @param readErrorRate probability that a read lands on the wrong side of the guard band, averaged over the two
 *                      states, from Gaussian read noise of the stated sigmas
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileThreshold(double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                               double antiparallelSigmaOhms, double thresholdOhms, double guardLowOhms,
                               double guardHighOhms, double tmr, double readErrorRate) {

    public ProfileThreshold {
        Fields.positive("parallel_ohms", parallelOhms);
        Fields.nonNegative("parallel_sigma_ohms", parallelSigmaOhms);
        Fields.positive("antiparallel_ohms", antiparallelOhms);
        Fields.nonNegative("antiparallel_sigma_ohms", antiparallelSigmaOhms);
        Fields.positive("threshold_ohms", thresholdOhms);
        Fields.positive("guard_low_ohms", guardLowOhms);
        Fields.positive("guard_high_ohms", guardHighOhms);
        Fields.finite("tmr", tmr);
        Fields.probability("read_error_rate", readErrorRate);
        if (!(parallelOhms < thresholdOhms && thresholdOhms < antiparallelOhms)) {
            throw new IllegalArgumentException("threshold_ohms " + thresholdOhms + " must lie between parallel_ohms "
                    + parallelOhms + " and antiparallel_ohms " + antiparallelOhms);
        }
        if (!(guardLowOhms <= thresholdOhms && thresholdOhms <= guardHighOhms)) {
            throw new IllegalArgumentException("guard_low_ohms .. guard_high_ohms (" + guardLowOhms + " .. "
                    + guardHighOhms + ") must enclose threshold_ohms " + thresholdOhms);
        }
    }

    /**
     * The profile's record of a threshold calibration: the read error rate of its mixture fit, or of the states'
     * Gaussian overlap for a result without one.
     */
    public static ProfileThreshold of(ThresholdCalibration.Result result) {
        ProfileThreshold overlap = of(result.threshold());
        if (result.mixture() == null) {
            return overlap;
        }
        return new ProfileThreshold(overlap.parallelOhms(), overlap.parallelSigmaOhms(), overlap.antiparallelOhms(),
                overlap.antiparallelSigmaOhms(), overlap.thresholdOhms(), overlap.guardLowOhms(),
                overlap.guardHighOhms(), overlap.tmr(), result.mixture().readErrorRate());
    }

    /** The profile's record of a threshold (the read error rate from the states' Gaussian overlap). */
    public static ProfileThreshold of(Threshold t) {
        return new ProfileThreshold(t.parallelOhms(), t.parallelSigmaOhms(), t.antiparallelOhms(),
                t.antiparallelSigmaOhms(), t.ohms(), t.guardLowOhms(), t.guardHighOhms(), t.tmr(),
                overlapErrorRate(t));
    }

    /** The threshold the bit sources use. */
    public Threshold toThreshold() {
        return new Threshold(thresholdOhms, parallelOhms, parallelSigmaOhms, antiparallelOhms, antiparallelSigmaOhms,
                guardLowOhms, guardHighOhms);
    }

    /** How many sigmas of read noise separate each state from the threshold (as {@link Threshold#marginSigmas()}). */
    public double marginSigmas() {
        return toThreshold().marginSigmas();
    }

    /**
     * A parallel read above the guard band's upper edge or an antiparallel read below its lower edge is a wrong
     * bit; reads inside the band are dropped, not wrong.
     */
    static double overlapErrorRate(Threshold t) {
        return (upperTail(t.guardHighOhms() - t.parallelOhms(), t.parallelSigmaOhms())
                + upperTail(t.antiparallelOhms() - t.guardLowOhms(), t.antiparallelSigmaOhms())) / 2;
    }

    /** P(X > distance) for X normal with mean 0 and {@code sigma}. */
    private static double upperTail(double distance, double sigma) {
        if (sigma == 0) {
            return distance > 0 ? 0 : 1;
        }
        return erfc(distance / (sigma * Math.sqrt(2))) / 2;
    }

    /**
     * Complementary error function by the Chebyshev fit of Numerical Recipes in C, 2nd ed., section 6.2 (erfcc),
     * fractional error below 1.2e-7 everywhere: ample for an error rate quoted to two figures.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}

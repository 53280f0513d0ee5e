package org.spinnoise.calibration;

import java.util.List;
import java.util.Locale;

/**
 * Fits a switching sweep and refuses it, with a CalibrationException naming the sweep and what to do, when the curve
 * is not a sigmoid a bit source can be run on. Four checks, most specific first: the sweep must be fittable
 * ({@link SweepScreen}); the amplitude must matter (likelihood-ratio test of the slope against a flat curve, refused
 * below {@value #MIN_SLOPE_LIKELIHOOD_RATIO}, about p = 4e-8); where the fit says the junction should switch almost
 * always (or almost never) it must do so (pooled binomial z-test, refused beyond {@value #MAX_PLATEAU_Z} standard
 * errors: a two-level or partly switching junction plateaus at an intermediate probability); and the deviance must
 * pass the chi-square goodness-of-fit test at {@value #MIN_DEVIANCE_P_VALUE}. The thresholds are far in the tails so a
 * good sweep is refused only with negligible probability (checked over many seeds in the tests). A fitted V50 outside
 * the measured amplitudes is refused too: it would be an extrapolation.
 */
public final class SweepVerdict {
    static final double MIN_SLOPE_LIKELIHOOD_RATIO = 30;
    static final double MAX_PLATEAU_Z = 6;
    static final double MIN_DEVIANCE_P_VALUE = 1e-6;
    /** Fitted probability beyond which a point counts as on a plateau of the curve. */
    static final double PLATEAU_PROBABILITY = 0.9;

    private SweepVerdict() {
    }

    /** Fits {@code points} and checks the fit; {@code sweepName} names the sweep in messages (e.g. "at 2e-8 s"). */
    public static SigmoidFitResult fitAndCheck(String sweepName, List<SwitchingPoint> points)
            throws CalibrationException {
        SigmoidFitResult fit;
        try {
            fit = SigmoidFit.fit(points);
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("switching sweep " + sweepName + ": " + e.getMessage(), e);
        }
        check(sweepName, points, fit);
        return fit;
    }

    /** Refuses {@code fit} of {@code points} when the curve is flat, plateaus mid-way, or is no sigmoid at all. */
    public static void check(String sweepName, List<SwitchingPoint> points, SigmoidFitResult fit)
            throws CalibrationException {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (SwitchingPoint p : points) {
            low = Math.min(low, p.amplitudeVolts());
            high = Math.max(high, p.amplitudeVolts());
        }
        double ratio = nullDeviance(points) - fit.deviance();
        if (!(ratio >= MIN_SLOPE_LIKELIHOOD_RATIO) || fit.deltaVolts() <= 0) {
            throw new CalibrationException(format("switching sweep %s is flat: the switching fraction hardly changes "
                    + "from %.4f V to %.4f V (likelihood ratio of a slope %.1f, need %.0f; fitted V50 %.4f V); the "
                    + "junction does not respond to the write amplitude: check the write channel and the junction, "
                    + "or sweep a wider range", sweepName, low, high, ratio, MIN_SLOPE_LIKELIHOOD_RATIO,
                    fit.v50Volts()));
        }
        if (fit.v50Volts() < low || fit.v50Volts() > high) {
            throw new CalibrationException(format("switching sweep %s did not bracket the transition: the fitted V50 "
                    + "%.4f V lies outside the measured %.4f .. %.4f V, so it is an extrapolation; move the sweep to "
                    + "enclose it", sweepName, fit.v50Volts(), low, high));
        }
        plateau(sweepName, points, fit, true);
        plateau(sweepName, points, fit, false);
        double pValue = fit.goodnessOfFitPValue();
        if (pValue < MIN_DEVIANCE_P_VALUE) {
            throw new CalibrationException(format("switching sweep %s is not a sigmoid: deviance %.1f on %d degrees "
                    + "of freedom (p = %.2g, refused below %.0g); the junction may be broken, switch between more "
                    + "than two levels, or have drifted during the sweep: look at sweep.csv, check the junction and "
                    + "sweep again", sweepName, fit.deviance(), fit.degreesOfFreedom(), pValue,
                    MIN_DEVIANCE_P_VALUE));
        }
    }

    /** Pooled z-test of the points the fit puts on its upper (or lower) plateau. */
    private static void plateau(String sweepName, List<SwitchingPoint> points, SigmoidFitResult fit, boolean upper)
            throws CalibrationException {
        double observed = 0;
        double expected = 0;
        double variance = 0;
        double pulses = 0;
        for (SwitchingPoint p : points) {
            double q = fit.probabilityAt(p.amplitudeVolts());
            if (upper ? q >= PLATEAU_PROBABILITY : q <= 1 - PLATEAU_PROBABILITY) {
                observed += p.switched();
                expected += p.pulses() * q;
                variance += p.pulses() * q * (1 - q);
                pulses += p.pulses();
            }
        }
        if (pulses == 0 || variance == 0) {
            return;
        }
        double z = (observed - expected) / Math.sqrt(variance);
        if (upper ? z < -MAX_PLATEAU_Z : z > MAX_PLATEAU_Z) {
            throw new CalibrationException(format("switching sweep %s is not a sigmoid: where it should switch %.1f %% "
                    + "of the time (%.0f pulses) the junction switched %.1f %%; it %s (a two-level or partly "
                    + "switching junction): check the junction and its reset pulse before using it",
                    sweepName, 100 * expected / pulses, pulses, 100 * observed / pulses,
                    upper ? "plateaus below full switching at high amplitude" : "switches too often at low amplitude"));
        }
    }

    /** Deviance of the intercept-only model (one switching probability for every amplitude). */
    static double nullDeviance(List<SwitchingPoint> points) {
        double s = 0;
        double n = 0;
        for (SwitchingPoint p : points) {
            s += p.switched();
            n += p.pulses();
        }
        double q = s / n;
        double sum = 0;
        for (SwitchingPoint p : points) {
            double up = p.switched();
            double down = p.pulses() - up;
            if (up > 0) {
                sum += up * Math.log(up / (p.pulses() * q));
            }
            if (down > 0) {
                sum += down * Math.log(down / (p.pulses() * (1 - q)));
            }
        }
        return 2 * sum;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}

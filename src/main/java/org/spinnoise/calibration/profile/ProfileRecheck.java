package org.spinnoise.calibration.profile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * The short check a device profile must pass before an acquisition trusts it instead of calibrating afresh: the two
 * resistance states re-read briefly (the profile's threshold must still lie at least
 * {@link ThresholdCalibration#MIN_MARGIN_SIGMAS} sigmas of read noise from each), and the fraction of ones measured at
 * V50 − ΔV, V50 and V50 + ΔV of the profile's curve, each of which must agree with the curve's prediction within
 * {@link Plan#zMax()} standard errors (binomial counting noise plus the fit's own uncertainty at that amplitude).
 * Three points are the fewest that see both a shifted V50 (the middle point) and a changed slope (the outer ones).
 */
public final class ProfileRecheck {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileRecheck.class);

    /**
     * How hard to look: read pairs of the threshold re-read, pulses at each of the three amplitudes, and the largest
     * |z| a point may show. The default 400 pulses give a standard error of 0.025 on the fraction at V50, so a V50
     * shift of about 0.4 ΔV (6 mV on the demo junction) is refused by that point alone; |z| ≤ 3.5 refuses a device
     * that has not moved with probability under 0.15 % over the three points.
     */
    public record Plan(int readsPerState, int pulsesPerPoint, double zMax) {
        public static final Plan DEFAULT = new Plan(20, 400, 3.5);

        public Plan {
            if (readsPerState < 10 || pulsesPerPoint < 1 || !(zMax > 0)) {
                throw new IllegalArgumentException("a re-check needs at least 10 reads per state, a pulse per point "
                        + "and a positive z limit, got " + readsPerState + ", " + pulsesPerPoint + ", " + zMax);
            }
        }

        /** Pulses the re-check fires: a reset, then a reset and a set, per read pair; a reset and a write per bit. */
        public long pulses() {
            return 3L * readsPerState + 2L * 3 * pulsesPerPoint;
        }
    }

    /** One amplitude of the re-check: what was measured, what the profile predicts and how far apart, in sigmas. */
    public record PointCheck(double amplitudeVolts, int pulses, int switched, double predictedProbability,
                             double stdErr, double z) {
        public double fraction() {
            return (double) switched / pulses;
        }
    }

    /**
     * The re-read states against the profile's threshold: each state's median and sigma now, and how many of those
     * sigmas separate it from the threshold; {@code problem} is null when the threshold still separates them.
     */
    public record LevelsCheck(double parallelOhms, double parallelSigmaOhms, double antiparallelOhms,
                              double antiparallelSigmaOhms, double parallelMarginSigmas,
                              double antiparallelMarginSigmas, String problem) {
    }

    /** What the re-check found; {@link #trusted()} says whether the profile may be used. */
    public record Result(LevelsCheck levels, List<PointCheck> points, double zMax, long pulses, List<String> problems) {
        public Result {
            points = List.copyOf(points);
            problems = List.copyOf(problems);
        }

        public boolean trusted() {
            return problems.isEmpty();
        }

        /** One ASCII line for the manifest and the console. */
        public String describe() {
            StringBuilder s = new StringBuilder(String.format("re-checked with %,d pulses: ", pulses));
            if (levels != null) {
                s.append(String.format("states %.1f and %.1f ohm, %.1f and %.1f sigma from the threshold; ",
                        levels.parallelOhms(), levels.antiparallelOhms(), levels.parallelMarginSigmas(),
                        levels.antiparallelMarginSigmas()));
            }
            for (PointCheck p : points) {
                s.append(String.format("ones %.3f at %.4f V (profile %.3f, z %+.1f); ", p.fraction(),
                        p.amplitudeVolts(), p.predictedProbability(), p.z()));
            }
            s.append(String.format("limit |z| <= %.1f: ", zMax));
            s.append(trusted() ? "trusted" : "MOVED: " + String.join("; ", problems));
            return s.toString();
        }
    }

    private ProfileRecheck() {
    }

    /**
     * Runs the re-check on a bench whose SMU read is configured as the profile's was: the threshold re-read (reads
     * to {@code levelReads}), then, if the states still fit, the three-point sweep bit by bit (batches to
     * {@code sweepReads}). A stop asked for ends it with a CalibrationException.
     */
    public static Result run(Bench bench, DeviceProfile profile, Plan plan,
                             Consumer<ThresholdCalibration.LevelRead> levelReads, Consumer<BitBatch> sweepReads,
                             BooleanSupplier stopRequested) throws IOException {
        ProfileSettings settings = profile.settings();
        ThresholdCalibration.Result reread;
        try {
            reread = ThresholdCalibration.run(bench, profile.operatingPoint().toOperatingPoint().reset(),
                    settings.set(), plan.readsPerState(), levelReads, stopRequested);
        } catch (CalibrationException e) {
            if (stopRequested.getAsBoolean()) {
                throw e;
            }
            // The states no longer separate as a calibration demands: the device has moved (or broken).
            return new Result(null, List.of(), plan.zMax(), 3L * plan.readsPerState(),
                    List.of("threshold re-read: " + e.getMessage()));
        }
        LevelsCheck levels = judgeLevels(profile.threshold(), reread);
        if (levels.problem() != null) {
            return new Result(levels, List.of(), plan.zMax(), 3L * plan.readsPerState(), List.of(levels.problem()));
        }
        OperatingPoint point = profile.operatingPoint().toOperatingPoint();
        ProfileSwitchingFit fit = profile.switching();
        OperatingPoint start = new OperatingPoint(new PulseShape(fit.v50Volts() - fit.deltaVolts(),
                point.write().widthSeconds()), point.reset());
        SwitchingCurve curve;
        try (PerBitBenchSource source = PerBitBenchSource.start(bench, start, profile.threshold().toThreshold(),
                stopRequested)) {
            curve = sweep(source, fit, point.write().widthSeconds(), plan, sweepReads, stopRequested);
        }
        List<PointCheck> points = judgePoints(fit, curve, plan.zMax());
        List<String> problems = new ArrayList<>();
        for (PointCheck p : points) {
            if (!(Math.abs(p.z()) <= plan.zMax())) {
                problems.add(String.format("ones %.3f at %.4f V where the profile predicts %.3f +/- %.3f (z %+.1f)",
                        p.fraction(), p.amplitudeVolts(), p.predictedProbability(), p.stdErr(), p.z()));
            }
        }
        Result result = new Result(levels, points, plan.zMax(), plan.pulses(), problems);
        LOG.info("profile {}: {}", profile.device(), result.describe());
        return result;
    }

    /** The three points V50 − ΔV, V50, V50 + ΔV of {@code fit}'s curve, measured on {@code source}. */
    static SwitchingCurve sweep(BitSource source, ProfileSwitchingFit fit, double widthSeconds, Plan plan,
                                Consumer<BitBatch> sweepReads, BooleanSupplier stopRequested) throws IOException {
        SweepPlan three = SweepPlan.linear(fit.v50Volts() - fit.deltaVolts(), fit.v50Volts() + fit.deltaVolts(), 3,
                plan.pulsesPerPoint(), widthSeconds);
        return SwitchingSweep.run(source, three, 1, sweepReads, point -> { }, stopRequested);
    }

    /** Each measured point against the profile's curve: z = (fraction − P) / sqrt(P(1 − P)/n + se(P)²). */
    static List<PointCheck> judgePoints(ProfileSwitchingFit fit, SwitchingCurve curve, double zMax) {
        List<PointCheck> out = new ArrayList<>();
        for (SwitchingPoint p : curve.points()) {
            double predicted = fit.probabilityAt(p.amplitudeVolts());
            double fitErr = fit.probabilityStdErrAt(p.amplitudeVolts());
            double stdErr = Math.sqrt(predicted * (1 - predicted) / p.pulses() + fitErr * fitErr);
            out.add(new PointCheck(p.amplitudeVolts(), p.pulses(), p.switched(), predicted, stdErr,
                    (p.fraction() - predicted) / stdErr));
        }
        return out;
    }

    /** The re-read states against the profile's threshold. */
    static LevelsCheck judgeLevels(ProfileThreshold profile, ThresholdCalibration.Result reread) {
        double t = profile.thresholdOhms();
        double p = reread.parallel().medianOhms();
        double ps = reread.parallel().sigmaOhms();
        double ap = reread.antiparallel().medianOhms();
        double aps = reread.antiparallel().sigmaOhms();
        double pMargin = ps > 0 ? (t - p) / ps : (t > p ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        double apMargin = aps > 0 ? (ap - t) / aps : (ap > t ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        String problem = null;
        double min = ThresholdCalibration.MIN_MARGIN_SIGMAS;
        if (!(pMargin >= min && apMargin >= min)) {
            problem = String.format("the states now read %.1f +/- %.1f and %.1f +/- %.1f ohm, %.1f and %.1f sigma "
                    + "from the profile's threshold %.1f ohm (need %.0f)", p, ps, ap, aps, pMargin, apMargin, t, min);
        }
        return new LevelsCheck(p, ps, ap, aps, pMargin, apMargin, problem);
    }
}

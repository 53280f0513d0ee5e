package org.spinnoise.calibration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.instrument.PulseShape;

/**
 * Finds where a junction that switches by precession toggles with probability 1/2, on any toggle {@link BitSource}
 * (each bit: did this pulse toggle the state): it measures the toggle map over width × amplitude, fits the precession
 * ({@link PrecessionFit}: period T and dephasing time), takes the width of the first flat top the widths reach (the
 * first maximum of the oscillation, where dp/dw = 0, so width errors and jitter move p least), sweeps the amplitude
 * there (a coarse pass over the whole range, then a pass over the transition) and fits the toggle curve with its ceiling ({@link CeilingSigmoidFit}), and solves it for p = 1/2, with the
 * amplitude's standard error and the error in p it implies. Refuses with a clear message when the map shows no
 * precession (use the reset-write scheme) or when p = 1/2 cannot be reached within the amplitudes swept or the hard
 * limit.
 */
public final class ToggleCalibration {
    private ToggleCalibration() {
    }

    /**
     * What the toggle calibration found.
     *
     * @param map                          the measured toggle map
     * @param precession                   the fitted precession and the chosen flat top
     * @param amplitudeSweep               the amplitude sweep at the flat top (both passes)
     * @param curve                        the toggle curve fitted to that sweep
     * @param write                        the operating point: the flat top's width (as the generator holds it) at
     *                                     the amplitude for p = 1/2
     * @param amplitudeStdErrVolts         standard error of that amplitude
     * @param probabilityStdErr            the error in p that amplitude error implies (the predicted error of p)
     * @param slopePerVolt                 dp/dV at the operating point
     * @param slopePerSecond               dp/dw at the operating point (0 at an exact flat top)
     * @param probabilityChangePerPercentWidth the larger change of p for a ±1 % width error
     * @param pulses                       toggle trials the calibration fired (map and sweep)
     */
    public record Result(ToggleMap map, PrecessionFitResult precession, SwitchingCurve amplitudeSweep,
                         CeilingSigmoidFit.Result curve, PulseShape write, double amplitudeStdErrVolts,
                         double probabilityStdErr, double slopePerVolt, double slopePerSecond,
                         double probabilityChangePerPercentWidth, long pulses) {

        /** The toggle probability the fit predicts at the operating point (1/2 up to rounding). */
        public double predictedProbability() {
            return curve.probabilityAt(write.amplitudeVolts());
        }

        /** dp/dV of the reset-write scheme at its V50, 1/(4ΔV), for a reset-write junction of width {@code ΔV}. */
        public static double resetWriteSlopePerVolt(double resetWriteDeltaVolts) {
            return 1 / (4 * resetWriteDeltaVolts);
        }

        /** The ceiling of the toggle curve at the flat top (the peak factor as the amplitude sweep measures it). */
        public double ceiling() {
            return curve.ceiling();
        }

        public double ceilingStdErr() {
            return curve.ceilingStdErr();
        }

        /**
         * The logistic with the toggle curve's slope at the operating point, for records that hold a V50 and ΔV:
         * V50 = the operating amplitude with its standard error, ΔV = 1/(4 dp/dV) = kΔVc/(2k − 1) with its error by
         * the delta method, the deviance and degrees of freedom of the ceiling fit (iterations: 0, it is derived).
         */
        public SigmoidFitResult equivalentSigmoid() {
            double k = curve.ceiling();
            double width = curve.criticalWidthVolts();
            double[] cov = curve.covariance();
            double dWidth = k / (2 * k - 1);
            double dCeiling = -width / ((2 * k - 1) * (2 * k - 1));
            double variance = dWidth * dWidth * cov[4] + 2 * dWidth * dCeiling * cov[5] + dCeiling * dCeiling * cov[8];
            return new SigmoidFitResult(write.amplitudeVolts(), 1 / (4 * slopePerVolt), amplitudeStdErrVolts,
                    Math.sqrt(Math.max(variance, 0)), curve.deviance(), curve.degreesOfFreedom(), 0);
        }

        /** The calibration's figures by name (SI units in the names), for a run folder or a benchmark. */
        public Map<String, Double> figures() {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("period_seconds", precession.periodSeconds());
            f.put("period_stderr_seconds", precession.periodStdErrSeconds());
            f.put("dephasing_seconds", precession.dephasingSeconds());
            f.put("dephasing_stderr_seconds", precession.dephasingStdErrSeconds());
            f.put("flat_top_width_seconds", write.widthSeconds());
            f.put("flat_top_stderr_seconds", precession.flatTopStdErrSeconds());
            f.put("flat_top_number", (double) precession.flatTopNumber());
            f.put("ceiling", ceiling());
            f.put("ceiling_stderr", ceilingStdErr());
            f.put("critical_volts", curve.criticalVolts());
            f.put("critical_width_volts", curve.criticalWidthVolts());
            f.put("write_amplitude_volts", write.amplitudeVolts());
            f.put("write_amplitude_stderr_volts", amplitudeStdErrVolts);
            f.put("predicted_probability", predictedProbability());
            f.put("predicted_probability_stderr", probabilityStdErr);
            f.put("dp_dv_per_volt", slopePerVolt);
            f.put("dp_dw_per_second", slopePerSecond);
            f.put("dp_per_percent_width", probabilityChangePerPercentWidth);
            f.put("calibration_pulses", (double) pulses);
            return f;
        }
    }

    /** The fitted toggle curve, refused when p = 1/2 is out of its reach, the hard limit's or the sweep's. */
    private static CeilingSigmoidFit.Result checked(CeilingSigmoidFit.Result curve, ToggleMapPlan plan,
                                                    double heldWidth, double maxJunctionVolts)
            throws CalibrationException {
        if (!(curve.ceiling() > 0.5)) {
            throw new CalibrationException(String.format("at the flat top (%.3g s) at most %.3f of the pulses toggle "
                    + "however strong: p = 1/2 is unreachable there (the oscillation is too dephased); use the "
                    + "reset-write scheme", heldWidth, curve.ceiling()));
        }
        double volts = curve.amplitudeFor(0.5);
        if (volts > maxJunctionVolts) {
            throw new CalibrationException(String.format("p = 1/2 at the flat top (%.3g s) needs %.3f V, above the "
                    + "hard limit of %.3f V: unreachable on this junction within the limit; use the reset-write "
                    + "scheme", heldWidth, volts, maxJunctionVolts));
        }
        if (volts > plan.maxVolts() || volts < plan.minVolts()) {
            throw new CalibrationException(String.format("p = 1/2 at the flat top (%.3g s) lies at %.3f V, outside "
                    + "the amplitudes swept (%.3f .. %.3f V): move switching.toggle.minVolts/maxVolts to bracket it "
                    + "(never above the hard limit %.3f V)", heldWidth, volts, plan.minVolts(), plan.maxVolts(),
                    maxJunctionVolts));
        }
        return curve;
    }

    /**
     * Runs the calibration on a toggle source. {@code maxJunctionVolts} is the hard limit; {@code recorder} receives
     * every confirmed batch (map and sweep), {@code progress} every measured point; {@code stopRequested} ends it with
     * a CalibrationException.
     */
    public static Result run(BitSource source, ToggleMapPlan plan, double maxJunctionVolts, long seed,
                             Consumer<BitBatch> recorder, Consumer<SwitchingPoint> progress,
                             BooleanSupplier stopRequested) throws IOException {
        if (plan.maxVolts() > maxJunctionVolts) {
            throw new CalibrationException(String.format("switching.toggle.maxVolts %.3f V exceeds the hard limit "
                    + "%.3f V: lower it", plan.maxVolts(), maxJunctionVolts));
        }
        ToggleMap map = ToggleMap.measure(source, plan, seed, recorder, progress, stopRequested);
        PrecessionFitResult precession = PrecessionFit.fit(map);
        double width = precession.flatTopWidthSeconds();
        SwitchingCurve sweep = SwitchingSweep.run(source, SweepPlan.linear(plan.minVolts(), plan.maxVolts(),
                plan.amplitudeSweepPoints(), plan.pulsesPerAmplitude(), width), seed ^ 0x5eed, recorder, progress,
                stopRequested);
        double heldWidth = sweep.widthSeconds();
        SwitchingPoint highest = sweep.points().stream().max(Comparator.comparingDouble(SwitchingPoint::fraction))
                .orElseThrow();
        if (highest.fraction() < 0.5) {
            boolean atLimit = plan.maxVolts() >= maxJunctionVolts - 1e-9;
            throw new CalibrationException(String.format("at the flat top (%.3g s) at most %.3f of the pulses toggle "
                    + "(at %.3f V): p = 1/2 is %s", heldWidth, highest.fraction(), highest.amplitudeVolts(), atLimit
                    ? "unreachable within the hard limit of " + maxJunctionVolts + " V; use the reset-write scheme"
                    : "beyond the amplitudes swept: raise switching.toggle.maxVolts (up to the hard limit "
                    + maxJunctionVolts + " V)"));
        }
        CeilingSigmoidFit.Result coarse = checked(CeilingSigmoidFit.fit(sweep.points()), plan, heldWidth,
                maxJunctionVolts);
        // A second pass as long as the first, over the transition around the coarse answer, where the counts say
        // most about the amplitude for p = 1/2; the fit takes both passes (the first fixes the ceiling).
        double half = coarse.amplitudeFor(0.5);
        double span = 2 * coarse.criticalWidthVolts();
        double low = Math.max(plan.minVolts(), half - span);
        double high = Math.min(plan.maxVolts(), half + span);
        SwitchingCurve refined = SwitchingSweep.run(source, SweepPlan.linear(low, high, plan.amplitudeSweepPoints(),
                plan.pulsesPerAmplitude(), heldWidth), seed ^ 0xf1a7, recorder, progress, stopRequested);
        List<SwitchingPoint> both = new ArrayList<>(sweep.points());
        both.addAll(refined.points());
        sweep = new SwitchingCurve(heldWidth, both);
        CeilingSigmoidFit.Result curve = checked(CeilingSigmoidFit.fit(both), plan, heldWidth, maxJunctionVolts);
        double volts = curve.amplitudeFor(0.5);
        double amplitudeErr = curve.amplitudeStdErrFor(0.5);
        double slopeVolts = curve.slopeAt(volts);
        // p = s(V)·F(w); at the operating point s = 1/2 / F(w), so dp/dw = F'(w) / (2 F(w)).
        double factor = precession.widthFactor(heldWidth);
        double slopeSeconds = precession.widthFactorSlope(heldWidth) / (2 * factor);
        double perPercent = Math.max(Math.abs(precession.widthFactor(1.01 * heldWidth) - factor),
                Math.abs(precession.widthFactor(0.99 * heldWidth) - factor)) / (2 * factor);
        long pulses = map.pulses() + sweep.points().stream().mapToLong(SwitchingPoint::pulses).sum();
        return new Result(map, precession, sweep, curve, new PulseShape(volts, heldWidth), amplitudeErr,
                slopeVolts * amplitudeErr, slopeVolts, slopeSeconds, perPercent, pulses);
    }
}

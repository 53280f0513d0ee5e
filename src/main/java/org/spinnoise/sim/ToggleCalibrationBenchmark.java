package org.spinnoise.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.calibration.ToggleCalibration;
import org.spinnoise.calibration.ToggleMapPlan;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.AcquisitionPlan;

/**
 * The toggle scheme's figures for {@code spinnoise bench calibration}, beside the reset-write scheme's measured in the
 * same run: what the toggle calibration costs in pulses (its width × amplitude map and amplitude sweep, from the
 * shipped {@code demo-toggle} recipe), pulses per bit, the bias of every window of bits at the calibrated point with
 * and without a drifting critical voltage, and the sensitivities that make the difference (dp/dV, and the change of p
 * for a 1 % width error, which the toggle scheme's flat top nearly removes). Everything runs on the simulated
 * junctions' physics ({@link ModelToggleSource}; the demo-toggle bench's junction, and the demo bench's for
 * reset-write), without instruments, so 10⁶-bit windows take seconds; a modelled clock advances {@code secondsPerBit}
 * per bit so the drift is the one a bench making bits at that pace would see. The reset-write baseline runs at its
 * junction's true V50 (an ideal calibration): the toggle windows carry their calibration's error, the baseline none.
 */
public final class ToggleCalibrationBenchmark {
    /** Reset-write: the demo recipe's write width. */
    static final double RESET_WRITE_WIDTH_SECONDS = 2e-8;
    static final PulseShape RESET = new PulseShape(-1.0, 2e-8);

    /**
     * The figures; bias lists hold one entry per window (ones fraction − 1/2).
     *
     * @param toggleCalibrationPulses toggle trials of the calibration (map and sweep; the threshold stage, the same
     *                                for both schemes, is not counted)
     */
    public record Figures(long toggleCalibrationPulses, double togglePulsesPerBit, double resetWritePulsesPerBit,
                          long windowBits, double secondsPerBit, double driftVoltsPerHour,
                          List<Double> toggleBias, List<Double> toggleBiasDrifting, List<Double> resetWriteBias,
                          List<Double> resetWriteBiasDrifting, double toggleSlopePerVolt,
                          double resetWriteSlopePerVolt, double toggleChangePerPercentWidth,
                          double resetWriteChangePerPercentWidth, double predictedProbabilityStdErr,
                          double periodSeconds, double flatTopWidthSeconds, double writeAmplitudeVolts) {

        /** The figures as one flat JSON object's fields (units in the keys). */
        public Map<String, Object> json() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("toggle_calibration_pulses", toggleCalibrationPulses);
            f.put("toggle_pulses_per_bit", togglePulsesPerBit);
            f.put("reset_write_pulses_per_bit", resetWritePulsesPerBit);
            f.put("window_bits", windowBits);
            f.put("seconds_per_bit", secondsPerBit);
            f.put("drift_volts_per_hour", driftVoltsPerHour);
            f.put("toggle_max_abs_bias", maxAbs(toggleBias));
            f.put("toggle_max_abs_bias_drifting", maxAbs(toggleBiasDrifting));
            f.put("reset_write_max_abs_bias", maxAbs(resetWriteBias));
            f.put("reset_write_max_abs_bias_drifting", maxAbs(resetWriteBiasDrifting));
            f.put("toggle_dp_dv_per_volt", toggleSlopePerVolt);
            f.put("reset_write_dp_dv_per_volt", resetWriteSlopePerVolt);
            f.put("toggle_dp_per_percent_width", toggleChangePerPercentWidth);
            f.put("reset_write_dp_per_percent_width", resetWriteChangePerPercentWidth);
            f.put("toggle_predicted_p_stderr", predictedProbabilityStdErr);
            f.put("toggle_period_seconds", periodSeconds);
            f.put("toggle_flat_top_width_seconds", flatTopWidthSeconds);
            f.put("toggle_write_amplitude_volts", writeAmplitudeVolts);
            return f;
        }

        static double maxAbs(List<Double> biases) {
            return biases.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
        }
    }

    private ToggleCalibrationBenchmark() {
    }

    /**
     * Calibrates the demo-toggle junction with the demo-toggle recipe's plan, then takes {@code windows} windows of
     * {@code windowBits} bits at the calibrated point and at the reset-write junction's V50, without drift and with
     * the critical voltage (and V50) drifting {@code driftVoltsPerHour}.
     */
    public static Figures run(long windowBits, int windows, double driftVoltsPerHour, double secondsPerBit, long seed)
            throws IOException {
        AcquisitionPlan recipe = AcquisitionPlan.shipped("demo-toggle");
        ToggleMapPlan plan = recipe.switching().toggle();
        double biasVolts = recipe.read().biasVolts();
        JunctionSpec toggleSpec = BenchFile.fromClasspath("demo-toggle").junctions().get(0);
        JunctionSpec resetWriteSpec = BenchFile.demo().junctions().get(0);

        ToggleCalibration.Result calibration;
        try (ModelToggleSource source = new ModelToggleSource(new MtjJunction(toggleSpec, seed),
                new PulseShape(plan.minVolts(), plan.minWidthSeconds()), biasVolts)) {
            calibration = ToggleCalibration.run(source, plan, recipe.limits().maxJunctionVolts(), seed, b -> { },
                    p -> { }, () -> false);
        }
        PulseShape write = calibration.write();
        List<Double> toggle = toggleWindows(toggleSpec, write, biasVolts, windowBits, windows, secondsPerBit, seed);
        List<Double> toggleDrifting = toggleWindows(withDrift(toggleSpec, driftVoltsPerHour), write, biasVolts,
                windowBits, windows, secondsPerBit, seed + 1);
        List<Double> resetWrite = resetWriteWindows(resetWriteSpec, windowBits, windows, secondsPerBit, seed + 2);
        List<Double> resetWriteDrifting = resetWriteWindows(withDrift(resetWriteSpec, driftVoltsPerHour), windowBits,
                windows, secondsPerBit, seed + 3);
        // Reset-write at V50: p = L((V − V50(w))/ΔV), V50(w) = v50 + shift·log10(wRef/w): a 1 % width error moves
        // V50 by shift·log10(1.01), so p by that over 4ΔV.
        double resetWriteSlope = ToggleCalibration.Result.resetWriteSlopePerVolt(resetWriteSpec.deltaVolts());
        double resetWritePerPercent = resetWriteSlope * resetWriteSpec.v50ShiftVoltsPerDecade() * Math.log10(1.01);
        return new Figures(calibration.pulses(), 1.0, 2.0, windowBits, secondsPerBit, driftVoltsPerHour, toggle,
                toggleDrifting, resetWrite, resetWriteDrifting, calibration.slopePerVolt(), resetWriteSlope,
                calibration.probabilityChangePerPercentWidth(), resetWritePerPercent, calibration.probabilityStdErr(),
                calibration.precession().periodSeconds(), write.widthSeconds(), write.amplitudeVolts());
    }

    private static JunctionSpec withDrift(JunctionSpec s, double voltsPerHour) {
        return new JunctionSpec(s.v50Volts(), s.deltaVolts(), s.referenceWidthSeconds(), s.v50ShiftVoltsPerDecade(),
                s.resetV50Volts(), s.resistanceParallelOhms(), s.resistanceAntiparallelOhms(), s.readNoiseRelative(),
                voltsPerHour, s.breakdownVolts(), s.shortedResistanceOhms(), s.precession());
    }

    private static List<Double> toggleWindows(JunctionSpec spec, PulseShape write, double biasVolts, long windowBits,
                                              int windows, double secondsPerBit, long seed) {
        AtomicLong nanos = new AtomicLong();
        long step = Math.round(secondsPerBit * 1e9);
        MtjJunction junction = new MtjJunction(spec, seed, nanos::get);
        List<Double> biases = new ArrayList<>();
        try (ModelToggleSource source = new ModelToggleSource(junction, write, biasVolts, n -> nanos.addAndGet(step))) {
            for (int w = 0; w < windows; w++) {
                long ones = 0;
                for (long got = 0; got < windowBits; ) {
                    BitBatch batch = source.nextBatch((int) Math.min(1 << 16, windowBits - got));
                    ones += batch.ones();
                    got += batch.bitCount();
                }
                biases.add((double) ones / windowBits - 0.5);
            }
        }
        return biases;
    }

    /** Reset, write at the junction's V50 at the start, per bit; the modelled clock advances once per bit. */
    private static List<Double> resetWriteWindows(JunctionSpec spec, long windowBits, int windows,
                                                  double secondsPerBit, long seed) {
        AtomicLong nanos = new AtomicLong();
        long step = Math.round(secondsPerBit * 1e9);
        MtjJunction junction = new MtjJunction(spec, seed, nanos::get);
        double v50 = junction.v50VoltsAt(RESET_WRITE_WIDTH_SECONDS);
        List<Double> biases = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            long ones = 0;
            for (long i = 0; i < windowBits; i++) {
                junction.applyPulse(RESET.amplitudeVolts(), RESET.widthSeconds());
                ones += junction.applyPulse(v50, RESET_WRITE_WIDTH_SECONDS) ? 1 : 0;
                nanos.addAndGet(step);
            }
            biases.add((double) ones / windowBits - 0.5);
        }
        return biases;
    }
}

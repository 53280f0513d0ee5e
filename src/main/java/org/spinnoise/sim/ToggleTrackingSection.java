package org.spinnoise.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.calibration.DeviceRangeGuard;
import org.spinnoise.calibration.DriftTracker;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ToggleCalibration;
import org.spinnoise.calibration.ToggleMapPlan;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.entropy.PackedHealthTests;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunManifest;

/**
 * The VCMA toggle scheme (precessional switching, one pulse per bit, bit = the state changed) on the demo-toggle
 * junction's physics ({@link ModelToggleSource}, no instruments, so 10^6-bit windows take seconds): the toggle
 * calibration with the shipped {@code demo-toggle} recipe's plan (width × amplitude map, then the amplitude sweep on
 * the first oscillation's flat top; its pulses are the figure), then per drift rate the windows with a
 * {@link DriftTracker} wrapping the source and, the same junction and seed, without. The tracker takes the toggle
 * curve's equivalent logistic at the operating point ({@link ToggleCalibration.Result#equivalentSigmoid()}: V50 = the
 * operating amplitude, ΔV = 1/(4 dp/dV)). The drift runs on a modelled clock advanced {@code secondsPerBit} per bit,
 * the simulated demo-toggle bench's pace, measured first by a short run of the same recipe end to end on that bench
 * (a write pulse and an SMU read per bit), so each window spans the time the bench would take to make it.
 */
final class ToggleTrackingSection implements CalibrationBenchmark.Section {
    private static final Logger LOG = LoggerFactory.getLogger(ToggleTrackingSection.class);
    private static final long PROBE_BITS = 2000;
    private Map<String, Object> figures = Map.of();

    @Override
    public String timeAxis() {
        return "one step per toggle pulse (one per bit) of the demo-toggle bench's measured modelled instrument time per bit (a write pulse and an SMU read)";
    }

    @Override
    public String name() {
        return "toggle";
    }

    @Override
    public List<CalibrationBenchmark.Case> run(CalibrationBenchmark.Settings settings, Consumer<String> progress)
            throws IOException {
        AcquisitionPlan recipe = AcquisitionPlan.shipped("demo-toggle");
        ToggleMapPlan plan = recipe.switching().toggle();
        double biasVolts = recipe.read().biasVolts();
        double maxJunctionVolts = recipe.limits().maxJunctionVolts();
        JunctionSpec spec = BenchFile.fromClasspath("demo-toggle").junctions().get(0);
        ToggleCalibration.Result calibration;
        try (ModelToggleSource source = new ModelToggleSource(new MtjJunction(spec, settings.seed()),
                new PulseShape(plan.minVolts(), plan.minWidthSeconds()), biasVolts)) {
            calibration = ToggleCalibration.run(source, plan, maxJunctionVolts, settings.seed(), b -> { }, p -> { },
                    () -> false);
        }
        SigmoidFitResult sigmoid = calibration.equivalentSigmoid();
        double secondsPerBit = probeSecondsPerBit(recipe, settings, progress);
        progress.accept(String.format(Locale.ROOT, "toggle: calibration %,d pulses: write %.4f V / %.3f ns (flat "
                        + "top; precession period %.3f ns), equivalent logistic ΔV %.4f V, predicted p error %.4f; "
                        + "windows on a modelled clock of %.3f ms per bit (one pulse per bit)", calibration.pulses(),
                calibration.write().amplitudeVolts(), 1e9 * calibration.write().widthSeconds(),
                1e9 * calibration.precession().periodSeconds(), sigmoid.deltaVolts(),
                calibration.probabilityStdErr(), 1e3 * secondsPerBit));
        figures = figures(calibration, secondsPerBit);
        List<CalibrationBenchmark.Case> cases = new ArrayList<>();
        for (double drift : settings.driftVoltsPerHour()) {
            JunctionSpec drifting = DriftingJunctions.withDrift(spec, drift);
            CalibrationBenchmark.Run on = windows(drifting, calibration.write(), sigmoid, biasVolts,
                    maxJunctionVolts, settings, true, progress, drift, secondsPerBit);
            CalibrationBenchmark.Run off = windows(drifting, calibration.write(), sigmoid, biasVolts,
                    maxJunctionVolts, settings, false, progress, drift, secondsPerBit);
            cases.add(new CalibrationBenchmark.Case(name(), "toggle (junction physics)", drift,
                    settings.toggleWindowBits(), secondsPerBit, calibration.pulses(), on, off));
        }
        return cases;
    }

    @Override
    public Map<String, Object> figures() {
        return figures;
    }

    /**
     * What sets the toggle scheme apart beside reset-write on the demo bench's junction: pulses per bit, the slope of
     * p in amplitude at the operating point, and the change of p for a 1 % width error, which the flat top of the
     * first oscillation nearly removes (reset-write at V50: p = L((V − V50(w))/ΔV), V50(w) = V50 + shift·log10(wRef/w),
     * so a 1 % width error moves p by slope·shift·log10(1.01)).
     */
    private static Map<String, Object> figures(ToggleCalibration.Result c, double secondsPerBit) {
        JunctionSpec resetWrite = BenchFile.demo().junctions().get(0);
        double resetWriteSlope = ToggleCalibration.Result.resetWriteSlopePerVolt(resetWrite.deltaVolts());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("toggle_pulses_per_bit", 1.0);
        f.put("reset_write_pulses_per_bit", 2.0);
        f.put("toggle_dp_dv_per_volt", c.slopePerVolt());
        f.put("reset_write_dp_dv_per_volt", resetWriteSlope);
        f.put("toggle_dp_per_percent_width", c.probabilityChangePerPercentWidth());
        f.put("reset_write_dp_per_percent_width",
                resetWriteSlope * resetWrite.v50ShiftVoltsPerDecade() * Math.log10(1.01));
        f.put("toggle_predicted_p_stderr", c.probabilityStdErr());
        f.put("toggle_period_seconds", c.precession().periodSeconds());
        f.put("toggle_flat_top_width_seconds", c.write().widthSeconds());
        f.put("toggle_write_amplitude_volts", c.write().amplitudeVolts());
        f.put("toggle_equivalent_delta_volts", c.equivalentSigmoid().deltaVolts());
        f.put("toggle_bench_seconds_per_bit", secondsPerBit);
        return f;
    }

    /**
     * The modelled instrument time per toggle bit on the simulated demo-toggle bench: a short run of the shipped
     * recipe end to end (threshold, toggle calibration, {@value #PROBE_BITS} bits per bit: a write pulse and a read),
     * timed by the instruments' modelled clocks over the acquisition alone.
     */
    private static double probeSecondsPerBit(AcquisitionPlan recipe, CalibrationBenchmark.Settings settings,
                                             Consumer<String> progress) throws IOException {
        progress.accept("toggle: probe run of the demo-toggle recipe on the simulated bench, " + PROBE_BITS
                + " bits, for the modelled time per bit");
        double[] atStart = new double[1];
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.fromClasspath("demo-toggle"), settings.seed())) {
            RunManifest m = BenchTrackingSection.runOn(bench, recipe.withBits(PROBE_BITS), settings.scratch(),
                    "toggle-probe", new RunListener() {
                        @Override
                        public void acquisitionStarting(long totalBits) {
                            atStart[0] = BenchTrackingSection.modelledSeconds(bench);
                        }
                    });
            if (m.acquisition() == null || m.acquisition().bits() == 0) {
                throw new IOException("bench calibration benchmark: the toggle probe run made no bits: "
                        + m.run().error());
            }
            return (BenchTrackingSection.modelledSeconds(bench) - atStart[0]) / m.acquisition().bits();
        }
    }

    private static CalibrationBenchmark.Run windows(JunctionSpec spec, PulseShape write, SigmoidFitResult sigmoid,
                                                    double biasVolts, double maxJunctionVolts,
                                                    CalibrationBenchmark.Settings settings, boolean tracked,
                                                    Consumer<String> progress, double drift,
                                                    double secondsPerBit) {
        AtomicLong nanos = new AtomicLong();
        long nanosPerBit = Math.round(secondsPerBit * 1e9);
        // The same seed for both runs: tracked and untracked see the same junction and the same noise stream.
        MtjJunction junction = new MtjJunction(spec, settings.seed() + 1, nanos::get);
        long[] moves = new long[1];
        ModelToggleSource model = new ModelToggleSource(junction, write, biasVolts, n -> nanos.addAndGet(nanosPerBit));
        BitSource source = tracked
                ? new DriftTracker(model, sigmoid.v50Volts(), sigmoid.deltaVolts(), TrackingPlan.DEFAULT,
                maxJunctionVolts, DeviceRangeGuard.forBitsOnly(0, 0), row -> moves[0] += row.adjusted() ? 1 : 0, 0)
                : model;
        PackedHealthTests health = PackedHealthTests.binary(0.9, Math.pow(2, -30));
        List<Double> bias = new ArrayList<>();
        long windowBits = settings.toggleWindowBits();
        String status = "complete";
        String error = null;
        try (source) {
            for (int w = 0; w < settings.toggleWindows(); w++) {
                long ones = 0;
                for (long got = 0; got < windowBits; ) {
                    BitBatch b = source.nextBatch((int) Math.min(1 << 16, windowBits - got));
                    health.acceptBits(b.packed(), b.bitCount());
                    ones += b.ones();
                    got += b.bitCount();
                }
                bias.add((double) ones / windowBits - 0.5);
            }
        } catch (IOException e) {
            // A tracker that finds the junction out of its calibrated range stops the run: a figure, not a crash.
            LOG.info("bench calibration: toggle run ({}) stopped: {}", tracked ? "tracked" : "untracked",
                    e.getMessage());
            status = "failed";
            error = e.getMessage();
        }
        progress.accept(String.format(Locale.ROOT, "toggle: critical voltage drifting %.0f mV/h, tracking %s: %d "
                        + "windows of %,d bits over %.3f modelled h, %d amplitude moves, %s", 1e3 * drift,
                tracked ? "on" : "off", bias.size(), windowBits, nanos.get() / 3.6e12, moves[0], status));
        return new CalibrationBenchmark.Run(tracked, bias, !health.anyFailure(), moves[0], status, error);
    }
}

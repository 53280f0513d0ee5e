package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunManifest;

/**
 * The simulated demo bench in the reset-then-write scheme, batched (the SMU paces 2,000-bit batches): first a probe
 * with the demo recipe's full calibration, for the pulses it costs and for the batched scheme's modelled time per bit
 * (the instrument time booked per bit, as {@code bench acquisition} measures it); then, per drift rate, a whole
 * calibrate-and-acquire run with tracking on and the same run with tracking off, on a bench whose junction keeps time
 * by its own pulses at half that time per pulse (a reset and a write per bit). Those runs calibrate with a shorter
 * sweep (11 points of 300 pulses) to keep the benchmark to minutes; the baseline carries that calibration's error,
 * as a run without tracking does.
 */
final class BenchTrackingSection implements CalibrationBenchmark.Section {
    private static final Logger LOG = LoggerFactory.getLogger(BenchTrackingSection.class);
    private static final int BATCH_BITS = 2000;
    private static final long PROBE_BITS = 4000;

    @Override
    public String timeAxis() {
        return "the junction's own pulses at half the batched scheme's measured modelled instrument time per bit (a reset and a write pulse per bit)";
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public List<CalibrationBenchmark.Case> run(CalibrationBenchmark.Settings settings, Consumer<String> progress)
            throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo()
                .withScheme(new AcquisitionPlan.SchemePlan("batched", 1, BATCH_BITS));
        progress.accept("bench: probe run with the demo recipe's full calibration, " + PROBE_BITS + " bits batched");
        long[] calibrationPulses = new long[1];
        double[] modelledAtStart = new double[1];
        double secondsPerBit;
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), settings.seed())) {
            RunListener probe = new RunListener() {
                @Override
                public void acquisitionStarting(long totalBits) {
                    calibrationPulses[0] = bench.junction(0).pulsesApplied();
                    modelledAtStart[0] = modelledSeconds(bench);
                }
            };
            RunManifest m = runOn(bench, demo.withBits(PROBE_BITS), settings.scratch(), "probe", probe);
            if (m.acquisition() == null || m.acquisition().bits() == 0) {
                throw new IOException("bench calibration benchmark: the probe run made no bits: " + m.run().error());
            }
            secondsPerBit = (modelledSeconds(bench) - modelledAtStart[0]) / m.acquisition().bits();
        }
        progress.accept(String.format(Locale.ROOT, "bench: a full calibration costs %,d pulses; the batched scheme "
                + "takes %.3f ms of modelled instrument time per bit", calibrationPulses[0], 1e3 * secondsPerBit));

        long bits = settings.benchWindowBits() * settings.benchWindows();
        AcquisitionPlan quick = new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 100),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 300,
                        demo.sweep().widthSeconds()), bits, demo.health(), demo.seed(), demo.scheme(),
                demo.reconnect(), TrackingPlan.DEFAULT, null);
        List<CalibrationBenchmark.Case> cases = new ArrayList<>();
        for (double drift : settings.driftVoltsPerHour()) {
            CalibrationBenchmark.Run on = tracked(quick, drift, secondsPerBit, settings, true, progress);
            CalibrationBenchmark.Run off = tracked(quick.withTracking(TrackingPlan.OFF), drift, secondsPerBit,
                    settings, false, progress);
            cases.add(new CalibrationBenchmark.Case(name(), "reset-write batched", drift,
                    settings.benchWindowBits(), secondsPerBit, calibrationPulses[0], on, off));
        }
        return cases;
    }

    private CalibrationBenchmark.Run tracked(AcquisitionPlan plan, double drift, double secondsPerBit,
                                             CalibrationBenchmark.Settings settings, boolean on,
                                             Consumer<String> progress) throws IOException {
        progress.accept(String.format(Locale.ROOT, "bench: V50 drifting %.0f mV/h, tracking %s, %,d bits (%.2f "
                        + "modelled hours)", 1e3 * drift, on ? "on" : "off", plan.bits(),
                plan.bits() * secondsPerBit / 3600));
        BenchFile drifting = DriftingJunctions.withDrift(BenchFile.demo(), drift);
        RunManifest m;
        Path dir;
        try (SimulatedBench bench = SimulatedBench.start(drifting, settings.seed(),
                JunctionClock.perPulse(secondsPerBit / 2))) {
            RunFolder[] folder = new RunFolder[1];
            m = runOn(bench, plan, settings.scratch(), on ? "tracked" : "untracked", new RunListener() {
            }, folder);
            dir = folder[0].dir();
        }
        byte[] packed = Files.readAllBytes(dir.resolve("bits.bin"));
        List<Double> bias = CalibrationBenchmark.windowBias(packed, m.acquisition().bits(),
                settings.benchWindowBits());
        long adjustments = 0;
        Path tracking = dir.resolve("tracking.csv");
        if (Files.exists(tracking)) {
            adjustments = Files.readAllLines(tracking).stream().skip(1).filter(r -> r.endsWith(",1")).count();
        }
        return new CalibrationBenchmark.Run(on, bias, m.acquisition().healthPassed(), adjustments,
                m.run().status(), m.run().error());
    }

    static RunManifest runOn(SimulatedBench bench, AcquisitionPlan plan, Path scratch, String name,
                             RunListener listener) throws IOException {
        return runOn(bench, plan, scratch, name, listener, new RunFolder[1]);
    }

    /** A calibrate-and-acquire run; a run that fails (a junction out of range) still has its manifest read back. */
    private static RunManifest runOn(SimulatedBench bench, AcquisitionPlan plan, Path scratch, String name,
                                     RunListener listener, RunFolder[] folder) throws IOException {
        folder[0] = RunFolder.create(scratch, "bench-calibration-" + name);
        try (WireLog wire = new WireLog();
             Bench connected = Bench.connect(bench.address("pulse"), bench.address("smu"),
                     plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
            new CalibratedAcquisition(connected, plan, folder[0], wire, listener).run();
        } catch (IOException e) {
            // The manifest says how far the run got and why it ended; the figures are read from it.
            LOG.info("bench calibration benchmark: run {} ended: {}", name, e.getMessage());
        }
        return RunFolder.open(folder[0].dir()).manifest();
    }

    static double modelledSeconds(SimulatedBench bench) {
        return bench.modelledSeconds("pulse") + bench.modelledSeconds("smu");
    }
}

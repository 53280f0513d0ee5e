package org.spinnoise.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BenchBitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.entropy.ContinuousHealthTests;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;

/**
 * The run engine for one junction: measure the two resistance states and set the threshold, sweep the write
 * amplitude and fit the switching sigmoid, then acquire bits at V50 (reset, write, read, threshold) under the
 * continuous health tests. Each stage's results go into the run folder as soon as it ends, and a failure at any
 * point leaves the folder with everything acquired so far and the error in the manifest. No bit reaches the folder
 * before both instruments have confirmed they reported no error while it was made ({@link ConfirmedAcquisition}),
 * and every run, however it ends, ends with every output in its safe state.
 */
public final class CalibratedAcquisition {
    private static final Logger LOG = LoggerFactory.getLogger(CalibratedAcquisition.class);
    /** The wire transcript's name in a run folder. */
    public static final String TRANSCRIPT = "wire-transcript.log.gz";

    private final Bench bench;
    private final AcquisitionPlan plan;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;

    public CalibratedAcquisition(Bench bench, AcquisitionPlan plan, RunFolder folder, WireLog wire,
                                 RunListener listener) {
        this(bench, plan, folder, wire, listener, RunStopper.never());
    }

    /** A run that stops early, cleanly, when {@code stopper} asks it to. */
    public CalibratedAcquisition(Bench bench, AcquisitionPlan plan, RunFolder folder, WireLog wire,
                                 RunListener listener, RunStopper stopper) {
        this.bench = bench;
        this.plan = plan;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Runs every stage. However it ends, every output is then put in its safe state and the manifest records the
     * outcome ("complete", "failed" or "interrupted"), the safe state of each output and the finish time, in that
     * order, so the manifest never claims a finish the bench had not reached. A failure is rethrown; a stop that was
     * asked for ends in a {@link RunStoppedException}.
     */
    public RunSummary run() throws IOException {
        try (RunStopper.Active running = stopper.enter()) {
            ObjectNode manifest = folder.manifest();
            manifest.putObject("tool").put("name", "spinnoise").put("version", CodeVersion.describe())
                    .put("java", System.getProperty("java.version"));
            ObjectNode status = manifest.putObject("run");
            status.put("started", Instant.now().toString()).put("status", "running");
            manifest.set("plan", RunFolder.toJson(plan));
            ObjectNode instruments = manifest.putObject("instruments");
            instruments.set("pulse", RunFolder.toJson(bench.pulse().identity()));
            instruments.set("smu", RunFolder.toJson(bench.smu().identity()));
            folder.saveManifest();
            Exception failure = null;
            try {
                return stages(manifest);
            } catch (IOException | RuntimeException e) {
                failure = e;
                if (stopper.stopRequested()) {
                    throw stopped(manifest, e);
                }
                throw e;
            } finally {
                end(status, instruments, failure);
            }
        }
    }

    /** Safe state first, then the outcome and the finish time, then the transcript and file list. */
    private void end(ObjectNode status, ObjectNode instruments, Exception failure) throws IOException {
        instruments.set("pulse_settings", RunFolder.toJson(bench.pulse().settings()));
        instruments.set("smu_settings", RunFolder.toJson(bench.smu().settings()));
        SafeStateReport safe = bench.safeState();
        status.set("safe_state", RunFolder.toJson(safe.outputs()));
        if (!safe.allSafe()) {
            LOG.error("not every output could be put in its safe state: {}", safe.failures());
        }
        if (failure == null) {
            status.put("status", "complete");
        } else {
            status.put("status", stopper.stopRequested() ? "interrupted" : "failed")
                    .put("error", failure.getMessage() == null ? failure.toString() : failure.getMessage());
            if (stopper.stopRequested()) {
                status.put("stopped_by", stopper.reason());
            }
        }
        status.put("finished", Instant.now().toString());
        wire.close(); // finishes the transcript so its checksum below is of the whole file
        folder.describeFiles();
        folder.saveManifest();
        if (failure != null && stopper.stopRequested()) {
            listener.stage("stopped by " + stopper.reason() + ": " + folder.manifest().at("/acquisition/bits").asLong(0)
                    + " confirmed bits kept in " + folder.dir() + "; outputs "
                    + (safe.allSafe() ? "off" : "NOT ALL OFF: " + safe.failures()));
        }
    }

    private RunStoppedException stopped(ObjectNode manifest, Exception cause) {
        long bits = manifest.at("/acquisition/bits").asLong(0);
        return new RunStoppedException("run stopped by " + stopper.reason() + " after " + bits + " confirmed bits; "
                + folder.dir() + " keeps them (status 'interrupted')", cause);
    }

    private RunSummary stages(ObjectNode manifest) throws IOException {
        if (stopper.stopRequested()) {
            // Asked to stop while connecting: turn nothing on.
            throw new RunStoppedException("stopped before the first stage", null);
        }
        // Every output off before anything is switched on: an earlier session that was killed may have left a
        // channel on, and the stages below turn on only the outputs they configure.
        SafeStateReport start = bench.safeState();
        ((ObjectNode) manifest.get("run")).set("safe_start", RunFolder.toJson(start.outputs()));
        if (!start.allSafe()) {
            throw new InstrumentException("could not put every output in its safe state before starting: "
                    + start.failures() + "; check the instruments and their wiring before running again");
        }
        ObjectNode calibration = manifest.putObject("calibration");
        listener.stage("reading the junction's two resistance states");
        bench.smu().configureRead(plan.read());
        ThresholdCalibration.Result levels = measureLevels();
        calibration.set("levels", RunFolder.toJson(levels));
        calibration.put("threshold_ohms", levels.threshold().ohms())
                .put("margin_sigmas", levels.threshold().marginSigmas())
                .put("tmr", levels.threshold().tmr());
        folder.saveManifest();

        listener.stage("sweeping the write amplitude");
        SwitchingCurve curve = sweep(levels);
        SigmoidFitResult fit;
        try {
            fit = curve.fit();
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("switching sweep: " + e.getMessage(), e);
        }
        writeSweepTable(curve, fit);
        calibration.set("sweep_fit", RunFolder.toJson(fit));
        calibration.put("sweep_fit_p_value", fit.goodnessOfFitPValue());
        double v50 = fit.v50Volts();
        OperatingPoint point = new OperatingPoint(new PulseShape(v50, plan.sweep().widthSeconds()), plan.reset());
        calibration.set("operating_point", RunFolder.toJson(point));
        folder.saveManifest();

        listener.stage(String.format("acquiring %,d bits at V50 = %.4f V", plan.bits(), v50));
        listener.acquisitionStarting(plan.bits());
        return acquire(manifest, levels, fit, point);
    }

    private ThresholdCalibration.Result measureLevels() throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file("levels.csv"), StandardCharsets.US_ASCII)) {
            out.write("intended_bit,resistance_ohms\n");
            PulseShape set = new PulseShape(plan.levels().setAmplitudeVolts(), plan.sweep().widthSeconds());
            return ThresholdCalibration.run(bench, plan.reset(), set, plan.levels().readsPerState(), read -> {
                try {
                    out.write(read.intendedBit() + "," + read.resistanceOhms() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stopper::stopRequested);
        }
    }

    private SwitchingCurve sweep(ThresholdCalibration.Result levels) throws IOException {
        try (ReadRecorder sweepReads = ReadRecorder.csv(folder.file("sweep-reads.csv"))) {
            return SwitchingSweep.run(bench, levels.threshold(), plan.reset(), plan.sweep(), plan.seed(),
                    sweepReads, listener::sweepPoint, stopper::stopRequested);
        }
    }

    private void writeSweepTable(SwitchingCurve curve, SigmoidFitResult fit) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file("sweep.csv"), StandardCharsets.US_ASCII)) {
            out.write("write_amplitude_volts,pulses,switched,fraction,fitted_probability\n");
            for (SwitchingPoint p : curve.points()) {
                out.write(p.amplitudeVolts() + "," + p.pulses() + "," + p.switched() + "," + p.fraction() + ","
                        + fit.probabilityAt(p.amplitudeVolts()) + "\n");
            }
        }
    }

    private RunSummary acquire(ObjectNode manifest, ThresholdCalibration.Result levels, SigmoidFitResult fit,
                               OperatingPoint point) throws IOException {
        ContinuousHealthTests health = ContinuousHealthTests.binary(plan.health().claimedEntropyPerBit(),
                plan.health().alpha());
        BenchBitSource source = BenchBitSource.start(bench, point, levels.threshold());
        ObjectNode acquisition = manifest.putObject("acquisition");
        acquisition.put("source", source.describe()).put("bits_file", "bits.bin (MSB first, zero-padded)")
                .put("reads_file", "reads.csv")
                .put("bits_confirmed_by", "no error in either instrument's event status register (*ESR?), checked "
                        + "after every " + ConfirmedAcquisition.CONFIRM_EVERY_BITS + " bits and at the end");
        long roundTripsBefore = bench.roundTrips();
        long t0 = System.nanoTime();
        ConfirmedAcquisition loop;
        try (ReadRecorder recorder = ReadRecorder.csvAndPackedBits(folder.file("reads.csv"),
                folder.file("bits.bin"))) {
            loop = new ConfirmedAcquisition(bench, source, recorder, health, stopper, listener);
            try {
                loop.run(plan.bits());
            } catch (IOException | RuntimeException e) {
                acquisition.put("discarded_unconfirmed_bits", loop.discarded());
                LOG.warn("acquisition stopped: {}; discarded the {} bits made since the last clean error check",
                        e.getMessage(), loop.discarded());
                throw e;
            } finally {
                double seconds = (System.nanoTime() - t0) / 1e9;
                acquisition.put("bits", loop.confirmed()).put("ones", loop.ones()).put("seconds", seconds)
                        .put("round_trips", bench.roundTrips() - roundTripsBefore)
                        .put("health_passed", !health.anyFailure());
                manifest.set("health_tests", RunFolder.toJson(health.reports()));
            }
        }
        if (loop.confirmed() < plan.bits()) {
            throw new RunStoppedException("acquisition stopped on request after " + loop.confirmed() + " of "
                    + plan.bits() + " bits", null);
        }
        double seconds = acquisition.get("seconds").asDouble();
        RunSummary summary = new RunSummary(folder.dir(), levels.threshold().ohms(),
                levels.threshold().marginSigmas(), fit, point.write().amplitudeVolts(), loop.confirmed(), loop.ones(),
                seconds, acquisition.get("round_trips").asLong(), health.reports());
        acquisition.put("bias", summary.bias()).put("bits_per_second", summary.bitsPerSecond())
                .put("round_trips_per_bit", summary.roundTripsPerBit())
                .put("health_passed", summary.healthPassed());
        if (!summary.healthPassed()) {
            LOG.warn("health tests failed during acquisition: {}", health.reports());
        }
        return summary;
    }
}

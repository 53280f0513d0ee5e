package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.RunStatus;

/**
 * A calibrate-and-acquire run on one junction of a bench: measure the two resistance states and set the threshold,
 * sweep the write amplitude through the {@code BitSource} seam and fit the switching sigmoid, then hand the
 * acquisition at V50 to the {@link AcquisitionEngine}. Each stage's results go into the run folder as soon as it ends;
 * the manifest's lifecycle (safe state of every output before the outcome, a failure leaving everything acquired so
 * far) is the {@link RunLifecycle} every run shares.
 */
public final class CalibratedAcquisition {
    /** The wire transcript's name in a run folder. */
    public static final String TRANSCRIPT = "wire-transcript.log.gz";
    static final String BITS_CONFIRMED_BY = "no error in either instrument's event status register (*ESR?), checked "
            + "after every " + PerBitBenchSource.CONFIRM_EVERY_BITS + " bits and at the end";

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
     * outcome; a failure is rethrown, a stop that was asked for ends in a {@link RunStoppedException}.
     */
    public RunSummary run() throws IOException {
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("bench").apply(m).withPlan(plan)
                        .withInstruments(new Instruments(bench.pulse().identity(), bench.smu().identity(), null, null)),
                this::stages, () -> safeEnd(bench, folder));
    }

    /** The bench's settings as it ends, then every output to its safe state. */
    static SafeStateReport safeEnd(Bench bench, RunFolder folder) {
        folder.update(m -> m.withInstruments(m.instruments().withSettings(bench.pulse().settings(),
                bench.smu().settings())));
        return bench.safeState();
    }

    /**
     * Every output off before anything is switched on: an earlier session that was killed may have left a channel on,
     * and the stages turn on only the outputs they configure. Refuses to go on when an output could not be made safe.
     */
    static void safeStart(Bench bench, RunFolder folder) throws IOException {
        SafeStateReport start = bench.safeState();
        folder.update(m -> m.withRun(m.run().withSafeStart(start.outputs())));
        if (!start.allSafe()) {
            throw new InstrumentException("could not put every output in its safe state before starting: "
                    + start.failures() + "; check the instruments and their wiring before running again");
        }
    }

    private RunSummary stages() throws IOException {
        if (stopper.stopRequested()) {
            // Asked to stop while connecting: turn nothing on.
            throw new RunStoppedException("stopped before the first stage", null);
        }
        safeStart(bench, folder);
        listener.stage("reading the junction's two resistance states");
        bench.smu().configureRead(plan.read());
        ThresholdCalibration.Result levels = measureLevels();
        folder.update(m -> m.withCalibration(Calibration.ofLevels(levels)));
        folder.saveManifest();
        if (plan.switching().toggling()) {
            return ToggleStages.run(bench, plan, levels.threshold(), folder, listener, stopper);
        }

        listener.stage("sweeping the write amplitude");
        SwitchingCurve curve = sweep(levels.threshold());
        SigmoidFitResult fit;
        try {
            fit = curve.fit();
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("switching sweep: " + e.getMessage(), e);
        }
        writeSweepTable(curve, fit);
        OperatingPoint point = new OperatingPoint(new PulseShape(fit.v50Volts(), plan.sweep().widthSeconds()),
                plan.reset());
        folder.update(m -> m.withCalibration(m.calibration().withSweep(fit, point)));
        folder.saveManifest();

        listener.stage(String.format("acquiring %,d bits at V50 = %.4f V", plan.bits(), fit.v50Volts()));
        listener.acquisitionStarting(plan.bits());
        BenchAcquisition.acquire(bench, plan, point, levels.threshold(), folder, listener, stopper, 0);
        return BenchAcquisition.summary(folder, levels.threshold(), fit, point);
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

    private SwitchingCurve sweep(Threshold threshold) throws IOException {
        OperatingPoint start = new OperatingPoint(new PulseShape(plan.sweep().startVolts(),
                plan.sweep().widthSeconds()), plan.reset());
        try (BatchRecorder sweepReads = BatchRecorder.readsOnly(folder.file("sweep-reads.csv"));
             PerBitBenchSource source = PerBitBenchSource.start(bench, start, threshold, stopper::stopRequested)) {
            return SwitchingSweep.run(source, plan.sweep(), plan.seed(), batch -> {
                try {
                    sweepReads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listener::sweepPoint, stopper::stopRequested);
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
}

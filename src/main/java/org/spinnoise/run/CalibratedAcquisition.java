package org.spinnoise.run;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.calibration.AdaptiveSweep;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.OperatingPointSolver;
import org.spinnoise.calibration.ProfileLikelihood;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.calibration.WidthMap;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReconnectPolicy;
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
    private static final Logger LOG = LoggerFactory.getLogger(CalibratedAcquisition.class);
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
                this::stages, () -> safeEnd(bench, folder, plan.reconnect()));
    }

    /**
     * The bench's settings as it ends, then every output to its safe state. An instrument that stalled, dropped its
     * link or rebooted may not take the safe state on its old connection, and would keep an output on once it answers
     * again (a stall in the calibration, which has no reconnect of its own, did so): then the bench is reconnected
     * under the plan's policy, which ends with both instruments safe, before the run gives up on them.
     */
    static SafeStateReport safeEnd(Bench bench, RunFolder folder, ReconnectPolicy reconnect) {
        folder.update(m -> m.withInstruments(m.instruments().withSettings(bench.pulse().settings(),
                bench.smu().settings())));
        SafeStateReport safe = bench.safeState();
        if (safe.allSafe() || reconnect == null) {
            return safe;
        }
        LOG.warn("not every output took its safe state ({}); reconnecting to retry", safe.failures());
        try {
            bench.reconnect(reconnect, () -> false);
            return bench.safeState();
        } catch (InstrumentException e) {
            LOG.error("reconnecting to put the outputs in their safe state failed: {}", e.getMessage());
            return safe;
        }
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

    /** What the calibration stages found: the two states and threshold, the sweep, its fit and the operating point. */
    record Calibrated(ThresholdCalibration.Result levels, SwitchingCurve curve, SigmoidFitResult fit,
                      OperatingPoint point, WidthMap.Result widthMap) {
    }

    private RunSummary stages() throws IOException {
        if (plan.switching().toggling()) {
            // The toggle scheme calibrates on its own map after the threshold, then acquires (ToggleStages).
            ThresholdCalibration.Result levels = calibrateLevels();
            return ToggleStages.run(bench, plan, levels.threshold(), folder, listener, stopper);
        }
        Calibrated c = calibrate();
        listener.stage(String.format("acquiring %,d bits at V50 = %.4f V", plan.bits(), c.fit().v50Volts()));
        listener.acquisitionStarting(plan.bits());
        BenchAcquisition.acquire(bench, plan, c.point(), c.levels().threshold(), c.fit(), folder, listener, stopper, 0);
        return BenchAcquisition.summary(folder, c.levels().threshold(), c.fit(), c.point());
    }

    /**
     * The calibration stages (also run alone by {@link CalibrationRun}): every output safe first, the threshold, the
     * sweep and its fit, each result in the run folder and the manifest as soon as it is known.
     */
    Calibrated calibrate() throws IOException {
        if (plan.switching().toggling()) {
            throw new CalibrationException("the toggle scheme is calibrated within its acquisition run (spinnoise "
                    + "acquire or demo with the toggle recipe); device profiles hold reset-write calibrations only");
        }
        return sweepStages(calibrateLevels());
    }

    /** Every output safe first, then the two resistance states, the threshold and its guard band. */
    private ThresholdCalibration.Result calibrateLevels() throws IOException {
        if (stopper.stopRequested()) {
            // Asked to stop while connecting: turn nothing on.
            throw new RunStoppedException("stopped before the first stage", null);
        }
        safeStart(bench, folder);
        listener.stage("reading the junction's two resistance states");
        ThresholdCalibration.Result levels = CalibrationStages.levels(bench, plan, folder, "", stopper);
        folder.update(m -> m.withCalibration(Calibration.ofLevels(levels)));
        folder.saveManifest();
        return levels;
    }

    /** The sweep, its fit, the operating point and the optional width map, after the threshold. */
    private Calibrated sweepStages(ThresholdCalibration.Result levels) throws IOException {
        listener.stage(plan.sweep().isAdaptive()
                ? String.format("sweeping the write amplitude (adaptive, up to %,d pulses)", plan.sweep().pulses())
                : "sweeping the write amplitude");
        CalibrationStages.Swept swept = CalibrationStages.sweep(bench, plan, levels.threshold(), folder, "",
                plan.seed(), listener, stopper);
        AdaptiveSweep.Result sweep = swept.sweep();
        SigmoidFitResult fit = sweep.fit();
        OperatingPointSolver.Estimate fair = swept.fair();
        OperatingPoint point = swept.point();
        double[] profile = ProfileLikelihood.v50IntervalVolts(sweep.curve().points(), fit);
        folder.update(m -> m.withCalibration(m.calibration().withSweep(fit, point)
                .withSweepCost(plan.sweep().mode(), sweep.pulses(), fair).withV50ProfileInterval(profile)));
        folder.saveManifest();
        WidthMap.Result map = null;
        if (plan.sweep().widthsSeconds() != null) {
            listener.stage("mapping V50 over the pulse widths " + plan.sweep().widthsSeconds() + " s");
            map = CalibrationTables.widthMap(bench, plan, levels.threshold(), folder, stopper);
            WidthMap.Result mapped = map;
            folder.update(m -> m.withCalibration(m.calibration().withWidthMap(mapped.line(), mapped.pulses())));
            folder.saveManifest();
        }
        return new Calibrated(levels, sweep.curve(), fit, point, map);
    }
}

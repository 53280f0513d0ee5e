package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PacedBatchSource;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.ReconnectingSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.bits.ToggleBenchSource;
import org.spinnoise.calibration.DeviceRangeGuard;
import org.spinnoise.calibration.DriftTracker;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.TrackingCsv;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.TrackingRow;
import org.spinnoise.instrument.Bench;
import org.spinnoise.run.manifest.Acquisition;

/**
 * The acquisition stage of a bench run, new or resumed: a source at the operating point in the recipe's scheme
 * (hardware-triggered batches when both instruments can run them and the recipe allows, else one bit at a time), run
 * by the {@link AcquisitionEngine} from the run's confirmed bits so far to the plan's, with the write amplitude held at
 * the target probability by a {@link DriftTracker} when the recipe tracks drift, and the run's headline figures from
 * its manifest.
 */
final class BenchAcquisition {
    /** Drift tracking's estimates and moves in a run folder (see {@link TrackingRow}). */
    static final String TRACKING_FILE = "tracking.csv";

    private BenchAcquisition() {
    }

    static void acquire(Bench bench, AcquisitionPlan plan, OperatingPoint point, Threshold threshold,
                        SigmoidFitResult fit, RunFolder folder, RunListener listener, RunStopper stopper,
                        long bitsBefore) throws IOException {
        AcquisitionScheme scheme = plan.scheme().scheme().resolve(bench);
        boolean tracked = plan.tracking().enabled() && fit != null;
        try (TrackingCsv tracking = tracked
                ? TrackingCsv.open(folder.file(TRACKING_FILE), listener::tracked) : null;
             BitSource source = tracked
                     ? track(start(scheme, bench, plan, point, threshold, bitsBefore, stopper, folder), scheme, plan,
                     threshold, fit, tracking, 0)
                     : start(scheme, bench, plan, point, threshold, bitsBefore, stopper, folder)) {
            Acquisition begun = bitsBefore == 0
                    ? Acquisition.starting(source.describe(), source.provenance(),
                    AcquisitionEngine.BITS_FILE + " (MSB first, zero-padded)", AcquisitionEngine.READS_FILE,
                    AcquisitionEngine.EVENTS_FILE, plan.switching().toggling() ? TOGGLE_CONFIRMED_BY
                    : confirmedBy(scheme), plan.bits())
                    : folder.manifest().acquisition();
            new AcquisitionEngine(folder, listener, stopper).acquire(source,
                    new AcquisitionEngine.Plan(plan.bits(), plan.health().claimedEntropyPerBit(), plan.health().alpha()),
                    begun, bench::roundTrips);
        }
    }

    /**
     * The source wrapped in a {@link DriftTracker} from the sweep's fit, its window rounded to whole hardware batches
     * in the batched scheme, its estimates in {@code tracking.csv} under {@code junction} (0 for a single-junction
     * run; each junction of an array its own id, all into one file), and a {@link DeviceRangeGuard} on its reads.
     */
    static DriftTracker track(BitSource source, AcquisitionScheme scheme, AcquisitionPlan plan, Threshold threshold,
                              SigmoidFitResult fit, TrackingCsv tracking, int junction) {
        TrackingPlan tracked = scheme == AcquisitionScheme.BATCHED
                ? plan.tracking().roundedToBatches(plan.scheme().batchBits()) : plan.tracking();
        return new DriftTracker(source, fit.v50Volts(), fit.deltaVolts(), tracked, plan.limits().maxJunctionVolts(),
                plan.switching().toggling() ? DeviceRangeGuard.forToggleReads(junction, threshold)
                        : DeviceRangeGuard.forReads(junction, threshold), tracking, junction);
    }

    /**
     * The scheme's source, wrapped so that an instrument that drops, stalls or reboots is reconnected and the run
     * goes on (each reconnect's operating-point check in {@code reconnect-N-at-bit-I-check.csv}).
     */
    private static BitSource start(AcquisitionScheme scheme, Bench bench, AcquisitionPlan plan, OperatingPoint point,
                                   Threshold threshold, long bitsBefore, RunStopper stopper, RunFolder folder)
            throws IOException {
        ReconnectingSource.SchemeStart schemeStart = plan.switching().toggling()
                ? (at, first, budget) -> ToggleBenchSource.start(bench, at.write(), threshold, first, budget,
                stopper::stopRequested)
                : scheme == AcquisitionScheme.BATCHED
                ? (at, first, budget) -> PacedBatchSource.start(bench, at, threshold, plan.read(),
                plan.scheme().smuTriggerLine(), plan.scheme().batchBits(), plan.scheme().settleMarginSeconds(), first,
                budget, stopper::stopRequested)
                : (at, first, budget) -> PerBitBenchSource.start(bench, at, threshold, first, budget,
                stopper::stopRequested);
        ReconnectingSource.Recovery recovery = new ReconnectingSource.Recovery(plan.read(), point, threshold,
                plan.reconnect(), "once it answers, continue the run with: spinnoise acquire --resume " + folder.dir());
        return ReconnectingSource.start(bench, recovery, schemeStart, (number, nextIndex) -> {
            BatchRecorder log = BatchRecorder.readsOnly(folder.file("reconnect-" + number + "-at-bit-" + nextIndex
                    + "-check.csv"));
            return new ReconnectingSource.CheckLog() {
                @Override
                public void accept(BitBatch batch) throws IOException {
                    log.accept(batch);
                }

                @Override
                public void close() throws IOException {
                    log.close();
                }
            };
        }, bitsBefore, plan.bits() - bitsBefore, stopper::stopRequested);
    }

    /** What confirms a toggle bit before it is kept, in the manifest's words. */
    static final String TOGGLE_CONFIRMED_BY = "toggle scheme (read, write, read; no reset): "
            + CalibratedAcquisition.BITS_CONFIRMED_BY + "; a bit whose read before or after falls in the threshold's "
            + "guard band is counted as an \"ambiguous\" event, never kept";

    /** What confirms a bit before it is kept, in the manifest's words. */
    static String confirmedBy(AcquisitionScheme scheme) {
        return scheme == AcquisitionScheme.BATCHED
                ? "a full batch (every paced reading came back) and no error in either instrument's event status "
                + "register (*ESR?) after it; a short or failed batch is discarded whole"
                : CalibratedAcquisition.BITS_CONFIRMED_BY;
    }

    /** The headline figures of a bench run whose acquisition has ended. */
    static RunSummary summary(RunFolder folder, Threshold threshold, SigmoidFitResult fit, OperatingPoint point) {
        RunManifest m = folder.manifest();
        Acquisition a = m.acquisition();
        return new RunSummary(folder.dir(), threshold.ohms(), threshold.marginSigmas(), fit,
                point.write().amplitudeVolts(), a.bits(), a.ones(), a.seconds(), a.roundTrips(), m.healthTests());
    }
}

package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PacedBatchSource;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.instrument.Bench;
import org.spinnoise.run.manifest.Acquisition;

/**
 * The acquisition stage of a bench run, new or resumed: a source at the operating point in the recipe's scheme
 * (hardware-triggered batches when both instruments can run them and the recipe allows, else one bit at a time), run
 * by the {@link AcquisitionEngine} from the run's confirmed bits so far to the plan's, and the run's headline
 * figures from its manifest.
 */
final class BenchAcquisition {
    private BenchAcquisition() {
    }

    static void acquire(Bench bench, AcquisitionPlan plan, OperatingPoint point, Threshold threshold,
                        RunFolder folder, RunListener listener, RunStopper stopper, long bitsBefore)
            throws IOException {
        AcquisitionScheme scheme = plan.scheme().scheme().resolve(bench);
        try (BitSource source = start(scheme, bench, plan, point, threshold, bitsBefore, stopper)) {
            Acquisition begun = bitsBefore == 0
                    ? Acquisition.starting(source.describe(), source.provenance(),
                    AcquisitionEngine.BITS_FILE + " (MSB first, zero-padded)", AcquisitionEngine.READS_FILE,
                    AcquisitionEngine.EVENTS_FILE, confirmedBy(scheme), plan.bits())
                    : folder.manifest().acquisition();
            new AcquisitionEngine(folder, listener, stopper).acquire(source,
                    new AcquisitionEngine.Plan(plan.bits(), plan.health().claimedEntropyPerBit(), plan.health().alpha()),
                    begun, bench::roundTrips);
        }
    }

    private static BitSource start(AcquisitionScheme scheme, Bench bench, AcquisitionPlan plan, OperatingPoint point,
                                   Threshold threshold, long bitsBefore, RunStopper stopper) throws IOException {
        long budget = plan.bits() - bitsBefore;
        if (scheme == AcquisitionScheme.BATCHED) {
            return PacedBatchSource.start(bench, point, threshold, plan.read(), plan.scheme().smuTriggerLine(),
                    plan.scheme().batchBits(), null, bitsBefore, budget, stopper::stopRequested);
        }
        return PerBitBenchSource.start(bench, point, threshold, bitsBefore, budget, stopper::stopRequested);
    }

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

package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.instrument.Bench;
import org.spinnoise.run.manifest.Acquisition;

/**
 * The acquisition stage of a bench run, new or resumed: a per-bit source at the operating point, run by the
 * {@link AcquisitionEngine} from the run's confirmed bits so far to the plan's, and the run's headline figures from
 * its manifest.
 */
final class BenchAcquisition {
    private BenchAcquisition() {
    }

    static void acquire(Bench bench, AcquisitionPlan plan, OperatingPoint point, Threshold threshold,
                        RunFolder folder, RunListener listener, RunStopper stopper, long bitsBefore)
            throws IOException {
        try (PerBitBenchSource source = PerBitBenchSource.start(bench, point, threshold, bitsBefore,
                plan.bits() - bitsBefore, stopper::stopRequested)) {
            Acquisition begun = bitsBefore == 0
                    ? Acquisition.starting(source.describe(), source.provenance(),
                    AcquisitionEngine.BITS_FILE + " (MSB first, zero-padded)", AcquisitionEngine.READS_FILE,
                    AcquisitionEngine.EVENTS_FILE, CalibratedAcquisition.BITS_CONFIRMED_BY, plan.bits())
                    : folder.manifest().acquisition();
            new AcquisitionEngine(folder, listener, stopper).acquire(source,
                    new AcquisitionEngine.Plan(plan.bits(), plan.health().claimedEntropyPerBit(), plan.health().alpha()),
                    begun, bench::roundTrips);
        }
    }

    /** The headline figures of a bench run whose acquisition has ended. */
    static RunSummary summary(RunFolder folder, Threshold threshold, SigmoidFitResult fit, OperatingPoint point) {
        RunManifest m = folder.manifest();
        Acquisition a = m.acquisition();
        return new RunSummary(folder.dir(), threshold.ohms(), threshold.marginSigmas(), fit,
                point.write().amplitudeVolts(), a.bits(), a.ones(), a.seconds(), a.roundTrips(), m.healthTests());
    }
}

package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.PacedBatchSource;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.ReconnectingSource;
import org.spinnoise.instrument.Bench;

/**
 * The source of one junction of an array at its own operating point: the recipe's scheme on its site's bench (batches
 * when both instruments can run them and the recipe allows, else one bit at a time), wrapped so that an instrument
 * that drops, stalls or reboots is reconnected as in a single-junction run (the check after each reconnect in
 * {@code junction-ID-reconnect-N-at-bit-I-check.csv}). It has no bit budget of its own: the array ends it.
 */
final class JunctionSources {
    private JunctionSources() {
    }

    static BitSource start(ArrayAcquisition.CalibratedJunction junction, AcquisitionPlan plan, RunFolder folder,
                           RunStopper stopper) throws IOException {
        Bench bench = junction.bench();
        AcquisitionScheme scheme = plan.scheme().scheme().resolve(bench);
        ReconnectingSource.SchemeStart schemeStart = scheme == AcquisitionScheme.BATCHED
                ? (at, first, budget) -> PacedBatchSource.start(bench, at, junction.levels().threshold(), plan.read(),
                plan.scheme().smuTriggerLine(), plan.scheme().batchBits(), plan.scheme().settleMarginSeconds(), first,
                budget, stopper::stopRequested)
                : (at, first, budget) -> PerBitBenchSource.start(bench, at, junction.levels().threshold(), first,
                budget, stopper::stopRequested);
        ReconnectingSource.Recovery recovery = new ReconnectingSource.Recovery(plan.read(), junction.point(),
                junction.levels().threshold(), plan.reconnect(), "junction " + junction.junction()
                + " is dropped and the array goes on with the others");
        return ReconnectingSource.start(bench, recovery, schemeStart, (number, nextIndex) -> {
            BatchRecorder log = BatchRecorder.readsOnly(folder.file("junction-" + junction.junction() + "-reconnect-"
                    + number + "-at-bit-" + nextIndex + "-check.csv"));
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
        }, 0, Long.MAX_VALUE, stopper::stopRequested);
    }
}

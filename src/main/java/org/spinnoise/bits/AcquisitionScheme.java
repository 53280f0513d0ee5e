package org.spinnoise.bits;

import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;

/**
 * How a bench makes bits: {@link #PER_BIT} (the host fires and reads each bit, two round trips per bit),
 * {@link #BATCHED} (the SMU paces a batch by hardware trigger and returns it in one reply, see
 * {@link PacedBatchSource}) or {@link #AUTO} (batched when both instruments can, else per bit).
 */
public enum AcquisitionScheme {
    PER_BIT,
    BATCHED,
    AUTO;

    /**
     * The scheme to run on this bench: AUTO becomes BATCHED when the generator fires on an external edge and the SMU
     * paces reads, else PER_BIT; BATCHED on a bench that cannot is refused, naming the instrument that cannot.
     */
    public AcquisitionScheme resolve(Bench bench) throws InstrumentException {
        boolean generatorCan = bench.pulse() instanceof ExternallyTriggeredPulses;
        boolean smuCan = bench.smu() instanceof PacedReads;
        return switch (this) {
            case PER_BIT -> PER_BIT;
            case AUTO -> generatorCan && smuCan ? BATCHED : PER_BIT;
            case BATCHED -> {
                if (!generatorCan) {
                    throw new InstrumentException("pulse (" + bench.pulse().identity().label() + "): its driver "
                            + "cannot fire on an external trigger edge, so the batched scheme cannot run; use the "
                            + "per-bit scheme");
                }
                if (!smuCan) {
                    throw new InstrumentException("smu (" + bench.smu().identity().label() + "): its driver cannot "
                            + "pace a batch of reads by trigger, so the batched scheme cannot run; use the per-bit "
                            + "scheme");
                }
                yield BATCHED;
            }
        };
    }
}

package org.spinnoise.instrument;

/**
 * A pulse generator that fires its reset and write pulses on an edge at its external trigger input, so a source-meter
 * that paces readings ({@link PacedReads}) can run a whole batch of bits without the host: per bit the SMU sends an
 * edge, the generator delivers the reset pulse and then the write pulse, and the SMU reads once both have ended.
 * Every pulse generator spinnoise drives can burst on an external edge; not every one marks each cycle of an
 * internally timed burst on its trigger output, which is why the SMU paces the batch.
 */
public interface ExternallyTriggeredPulses {

    /**
     * Sets the reset channel to fire {@code reset} on each edge at the external trigger input and the write channel to
     * fire {@code write} after the reset pulse has ended, outputs on. The per-bit scheme's {@link PulseGenerator#configure}
     * puts the channels back on bus triggers.
     *
     * @return when, after the edge, the pulses happen as the instrument holds them
     */
    default TriggeredPair armExternalTrigger(int resetChannel, PulseShape reset, int writeChannel, PulseShape write)
            throws InstrumentException {
        return armExternalTrigger(resetChannel, reset, writeChannel, write, TriggerEdge.RISING);
    }

    /**
     * As {@link #armExternalTrigger(int, PulseShape, int, PulseShape)}, triggering on {@code edge}: the leading edge
     * of the pacing SMU's pulses ({@link PacedReads#leadingEdge()}), so the pulses start at the edge the SMU's settle
     * time counts from.
     */
    TriggeredPair armExternalTrigger(int resetChannel, PulseShape reset, int writeChannel, PulseShape write,
                                     TriggerEdge edge) throws InstrumentException;

    /** The timing of an armed reset–write pair, in seconds after the trigger edge. */
    record TriggeredPair(PulseShape reset, PulseShape write, double writeDelaySeconds, double writeEndSeconds,
                         double rearmSeconds) {
        /** The shortest time between two edges the generator follows, in seconds. */
        public double minimumEdgeIntervalSeconds() {
            return Math.max(writeEndSeconds, rearmSeconds);
        }
    }
}

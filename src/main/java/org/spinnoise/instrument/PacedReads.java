package org.spinnoise.instrument;

/**
 * A source-measure unit that paces a batch of bits itself: for each reading it sends an edge on one of its trigger
 * output lines (wired to the pulse generator's external trigger input, see {@link ExternallyTriggeredPulses}), waits
 * until the pulses have ended, reads the resistance into its buffer, and after the last one hands the whole buffer
 * back in one reply. A batch costs a few round trips instead of two per bit.
 */
public interface PacedReads {

    /**
     * How long one paced reading takes with this read configuration, as the manual gives its timing (integration in
     * power-line cycles, autozero, fixed overheads); the batch period is built from it, and it bounds how fast any
     * scheme on this SMU can make bits.
     */
    double secondsPerReading(ReadBias bias) throws InstrumentException;

    /**
     * The edge that leads each trigger pulse this SMU sends on its line during a paced batch, as its driver sets the
     * line up (from the manual's output polarity); the pulse generator must trigger on this edge.
     */
    TriggerEdge leadingEdge();

    /**
     * Loads, without starting, a batch of {@code count} readings at the configured read bias: per reading an edge on
     * output line {@code triggerLine}, a wait of {@code settleSeconds}, one reading into the buffer.
     */
    void armPacedReads(int count, int triggerLine, double settleSeconds) throws InstrumentException;

    /**
     * Starts the armed batch, waits for its end and returns every reading in order, in ohms. A batch that ended with
     * fewer readings than armed (a missed trigger, an aborted trigger model) throws, naming what came back: none of
     * its bits can be trusted to belong to its pulses.
     */
    double[] runPacedReads() throws InstrumentException;
}

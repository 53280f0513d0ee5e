package org.spinnoise.bits;

import java.io.IOException;
import org.spinnoise.instrument.PulseShape;

/**
 * Anything that makes raw bits, in confirmed batches with their reads and what happened while they were made: a bench
 * of SCPI instruments bit by bit, a bench in hardware-triggered batches, a pulser board's stream. Bits are raw: biased
 * and unconditioned until the entropy pool has tested and conditioned them. A source is built for a number of bits
 * and with a stop signal; it ends (returns an empty batch) once it has made those bits, or once the stop was raised
 * and it has handed out the bits it had already made. Its failures are {@link IOException}s
 * ({@code InstrumentException}, {@code BoardException}).
 */
public interface BitSource extends AutoCloseable {

    /**
     * Makes up to maxBits bits and returns them once confirmed (fewer only when the source ends or a stop was asked);
     * an empty batch means the source has ended. Unconfirmed bits are discarded and reported as a SourceEvent of kind
     * "discarded" in the next batch, or in the exception ({@link DiscardedBits#of(Throwable)}).
     */
    BitBatch nextBatch(int maxBits) throws IOException;

    /** Moves the write pulse (calibration sweeps and drift tracking); the next batch uses it. */
    void setWrite(PulseShape write) throws IOException;

    /** The write pulse in force, as the hardware holds it. */
    PulseShape write();

    /**
     * Lets go of the hardware between batches so another source on the same hardware can run (a junction array
     * taking turns on one board, a write pulse moved on a board that cannot be reconfigured while it streams): a
     * streaming source stops its stream, keeping the bits it confirms on the way, which the next batch hands out
     * first. The next {@link #nextBatch} resumes. Sources that hold nothing between batches do nothing.
     */
    default void pause() throws IOException {
    }

    /** What this source is, in one line for logs and manifests. */
    String describe();

    /** The source's typed provenance for the manifest (instruments and their settings, or the board's HELLO and configuration). */
    SourceProvenance provenance();

    /** Releases the source; does NOT put outputs in their safe state: the engine does that through the bench or board it owns. */
    @Override
    void close();
}

package org.spinnoise.run;

import java.io.IOException;
import java.util.function.Consumer;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.RawRead;
import org.spinnoise.entropy.ContinuousHealthTests;
import org.spinnoise.instrument.Bench;

/**
 * The bit loop of a bench run: fires and reads bit after bit without checking each exchange, and every
 * {@link #CONFIRM_EVERY_BITS} bits (and at the end, and when a stop is asked for) asks both instruments whether they
 * reported an error since the last check, one {@code *ESR?} each. Only reads a clean check confirmed reach the
 * recorder, the health tests and the counts; on an error, or any failure, the reads since the last clean check are
 * discarded and counted, because any of them may have been made without its write pulse.
 */
final class ConfirmedAcquisition {
    /** Bits between two error checks: two round trips per check against two per bit, so under 0.4 % more. */
    static final int CONFIRM_EVERY_BITS = 256;

    private final Bench bench;
    private final BitSource source;
    private final Consumer<RawRead> recorder;
    private final ContinuousHealthTests health;
    private final RunStopper stopper;
    private final RunListener listener;
    private long confirmed;
    private long ones;
    private int discarded;

    ConfirmedAcquisition(Bench bench, BitSource source, Consumer<RawRead> recorder, ContinuousHealthTests health,
                         RunStopper stopper, RunListener listener) {
        this.bench = bench;
        this.source = source;
        this.recorder = recorder;
        this.health = health;
        this.stopper = stopper;
        this.listener = listener;
    }

    /**
     * Acquires until {@code bits} are confirmed or a stop is asked for (then the bits made so far are checked and,
     * if clean, kept). Throws what went wrong after discarding the unconfirmed reads.
     */
    void run(long bits) throws IOException {
        PendingReads pending = new PendingReads(CONFIRM_EVERY_BITS);
        long reportEvery = Math.max(1, bits / 20);
        long nextReport = reportEvery;
        try {
            while (confirmed + pending.size() < bits && !stopper.stopRequested()) {
                boolean full = pending.add(source.next());
                if (full || confirmed + pending.size() == bits) {
                    confirm(pending);
                    if (confirmed >= nextReport) {
                        listener.acquired(confirmed, bits);
                        nextReport = (confirmed / reportEvery + 1) * reportEvery;
                    }
                }
            }
            if (!pending.isEmpty()) {
                confirm(pending);
            }
        } catch (IOException | RuntimeException e) {
            discarded = pending.discard();
            throw e;
        }
    }

    private void confirm(PendingReads pending) throws IOException {
        bench.checkErrors();
        pending.confirm(read -> {
            recorder.accept(read);
            health.accept(read.bit());
            ones += read.bit();
            confirmed++;
        });
    }

    /** Bits a clean error check confirmed and handed on. */
    long confirmed() {
        return confirmed;
    }

    long ones() {
        return ones;
    }

    /** Reads dropped at the end because no clean check confirmed them. */
    int discarded() {
        return discarded;
    }
}

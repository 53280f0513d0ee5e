package org.spinnoise.sim;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A modelled time in nanoseconds that moves only when told to, for simulated junctions whose drift should follow a
 * modelled time axis ({@link JunctionClock#shared}): a test jumps it hours ahead, a benchmark advances it by the bits
 * a source made times the time the real source takes per bit. Lock-free, so any thread may read or advance it.
 */
public final class ModelledClock implements LongSupplier {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    /** Moves the clock ahead by {@code seconds} (not negative). */
    public void advanceSeconds(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("a modelled clock only moves ahead, asked " + seconds + " s");
        }
        nanos.addAndGet(Math.round(seconds * 1e9));
    }

    /** Modelled seconds since the clock started. */
    public double seconds() {
        return nanos.get() / 1e9;
    }
}

package org.spinnoise.sim;

import java.util.concurrent.locks.LockSupport;

/**
 * Whether the instruments of a running bench wait their modelled time before answering, switchable while the bench
 * runs (a benchmark calibrates at once and then times the acquisition), and the wait itself: parked for most of it
 * and spun for the last stretch, because parking alone overshoots by tens of microseconds, more than a burst lasts.
 */
final class ModelledWaits {
    private static final long SPIN_NANOS = 1_000_000;
    private volatile boolean enabled;

    ModelledWaits(boolean enabled) {
        this.enabled = enabled;
    }

    void enable(boolean on) {
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    /** Waits {@code seconds} when enabled. */
    void waitFor(double seconds) {
        if (!enabled || !(seconds > 0)) {
            return;
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS / 2);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

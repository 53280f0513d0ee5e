package org.spinnoise.sim.soak;

/**
 * What became of the faults of one kind: injected; detected (the controller saw it: a reconnect, a discarded batch,
 * a counted bad frame, or a run stopped with a message); recovered (the chain went on: the run completed with every
 * bit accounted for, or the next run of the same kind did); unnoticed (no effect showed and the run completed whole,
 * e.g. a delay within the timeouts). A fault detected but not recovered when the soak ended counts only as detected.
 */
public record FaultCounts(long injected, long detected, long recovered, long unnoticed) {
    public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0);

    FaultCounts plus(FaultCounts o) {
        return new FaultCounts(injected + o.injected, detected + o.detected, recovered + o.recovered,
                unnoticed + o.unnoticed);
    }

    /** Injected faults neither recovered from nor harmless: the findings. */
    public long unresolved() {
        return injected - recovered - unnoticed;
    }
}

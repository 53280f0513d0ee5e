package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.List;

/**
 * How a source that fails reports the bits it discarded with the failure: a {@link SourceEvent} of kind "discarded"
 * travels as a suppressed exception of the failure, so the failure keeps its own type and message (the line a user
 * sees) while the engine can still count and record what was lost.
 */
public final class DiscardedBits extends Exception {
    private final transient SourceEvent event;

    private DiscardedBits(SourceEvent event) {
        super(event.detail(), null, false, false);
        this.event = event;
    }

    /** Attaches the event to the failure and returns the failure, to be thrown. */
    public static <T extends Throwable> T attach(T failure, SourceEvent event) {
        failure.addSuppressed(new DiscardedBits(event));
        return failure;
    }

    /**
     * For a source that checks the instruments' errors every so many bits: the failure, carrying a "discarded" event
     * for the {@code bits} made since the last clean check (none when {@code bits} is 0), any of which may lack its
     * pulse.
     */
    static <T extends Throwable> T sinceLastCheck(T failure, int bits, long timeNanos) {
        if (bits == 0) {
            return failure;
        }
        return attach(failure, new SourceEvent(timeNanos, "discarded", bits, bits + " bits made since the last "
                + "clean error check were discarded: " + failure.getMessage()));
    }

    /** The events attached to a failure by {@link #attach}, oldest first; empty when none. */
    public static List<SourceEvent> of(Throwable failure) {
        List<SourceEvent> events = new ArrayList<>();
        for (Throwable t : failure.getSuppressed()) {
            if (t instanceof DiscardedBits d) {
                events.add(d.event);
            }
        }
        return events;
    }
}

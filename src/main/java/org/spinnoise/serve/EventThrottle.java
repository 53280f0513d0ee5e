package org.spinnoise.serve;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets an event of one kind for one client through at most once per interval and counts the ones it held back, so a
 * client hammering an exhausted pool produces one {@code pool_exhausted} event a second, not one per request.
 */
final class EventThrottle {
    /** Events held back since the last one let through, for each kind and client. */
    private record Window(long lastNanos, long heldBack) {
    }

    private static final int MAX_WINDOWS = 4096;

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new HashMap<>();

    EventThrottle(long intervalNanos, LongSupplier clock) {
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /**
     * Whether this event goes out: -1 when it is held back, otherwise how many of the same were held back before
     * it (0 for the first).
     */
    synchronized long admit(String kind, String client) {
        String key = kind + '\u0000' + client;
        long now = clock.getAsLong();
        Window w = windows.get(key);
        if (w != null && now - w.lastNanos() < intervalNanos) {
            windows.put(key, new Window(w.lastNanos(), w.heldBack() + 1));
            return -1;
        }
        if (w == null && windows.size() >= MAX_WINDOWS) {
            // clients come and go over months of serving: forget the quiet ones
            windows.values().removeIf(old -> now - old.lastNanos() >= intervalNanos && old.heldBack() == 0);
        }
        windows.put(key, new Window(now, 0));
        return w == null ? 0 : w.heldBack();
    }
}

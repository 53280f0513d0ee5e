package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 18, defect 10: 461 pool_exhausted events in a second from one client become one, then one a second. */
class EventThrottleTest {
    @Test
    void oneEventPerClientAndIntervalWithTheCountHeldBack() {
        AtomicLong nanos = new AtomicLong();
        EventThrottle throttle = new EventThrottle(1_000_000_000L, nanos::get);
        assertEquals(0, throttle.admit("pool_exhausted", "alice"));
        long admitted = 0;
        for (int i = 1; i < 461; i++) {
            nanos.addAndGet(2_000_000); // a request every 2 ms: 0.92 s in all
            admitted += throttle.admit("pool_exhausted", "alice") >= 0 ? 1 : 0;
        }
        assertEquals(0, admitted, "held back within the second");
        assertEquals(0, throttle.admit("pool_exhausted", "bob"), "another client has its own window");
        assertEquals(0, throttle.admit("auth_refused", "alice"), "another kind has its own window");
        nanos.addAndGet(100_000_000);
        assertEquals(460, throttle.admit("pool_exhausted", "alice"), "the next one says how many were held back");
        assertEquals(-1, throttle.admit("pool_exhausted", "alice"));
    }
}

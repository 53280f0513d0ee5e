package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a state the server reaches asynchronously; fails (with what it last saw) if it never does. */
final class Eventually {
    private static final long LIMIT_MS = 30_000;

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition, Supplier<Object> seen) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LIMIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("never reached: " + what + "; last seen " + seen.get());
            }
            Thread.sleep(10);
        }
    }
}

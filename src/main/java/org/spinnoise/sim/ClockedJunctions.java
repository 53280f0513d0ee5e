package org.spinnoise.sim;

import java.util.function.LongSupplier;

/**
 * Makes {@link MtjJunction}s that keep time by a clock other than the wall's, for simulators outside this package:
 * the board emulator's junctions drift by the board's modelled time (pulses fired over its pulse rate), so a drift
 * over hours shows in a test of seconds and the same bits drift the same way whatever the machine's speed.
 */
public final class ClockedJunctions {
    private ClockedJunctions() {
    }

    /** A junction in state P whose drift clock (monotonic nanoseconds) is {@code nanoClock}. */
    public static MtjJunction create(JunctionSpec spec, long seed, LongSupplier nanoClock) {
        return new MtjJunction(spec, seed, nanoClock);
    }
}

package org.spinnoise.sim;

import java.util.function.LongSupplier;

/**
 * How simulated junctions keep time, for their drift ({@code v50DriftVoltsPerHour}) and for the levels held between
 * pulses: the wall clock (the default), a shared modelled clock a test or benchmark advances ({@link ModelledClock}),
 * or a clock that each junction's own pulses advance by a fixed time per pulse, so a bench that makes bits at its
 * modelled rate (e.g. 2 pulses per bit every few milliseconds) drifts as the real one would, while the simulation runs
 * those hours in seconds. A pulse-paced clock is read only by its junction, under that junction's lock, so it needs no
 * lock of its own and cannot deadlock with the instruments. The board emulator draws its bits from the junctions'
 * odds without pulsing them, so a board's junctions need a shared clock advanced by the bits it streamed.
 */
public final class JunctionClock {
    private final LongSupplier shared;
    private final double secondsPerPulse;

    private JunctionClock(LongSupplier shared, double secondsPerPulse) {
        this.shared = shared;
        this.secondsPerPulse = secondsPerPulse;
    }

    /** The wall clock ({@link System#nanoTime()}): drift in real hours. */
    public static JunctionClock wall() {
        return new JunctionClock(System::nanoTime, 0);
    }

    /** Every junction reads {@code nanos}, a monotonic modelled time in nanoseconds. */
    public static JunctionClock shared(LongSupplier nanos) {
        return new JunctionClock(nanos, 0);
    }

    /** Each junction's time advances by {@code secondsPerPulse} with every pulse it receives, and only then. */
    public static JunctionClock perPulse(double secondsPerPulse) {
        if (!(secondsPerPulse > 0) || Double.isInfinite(secondsPerPulse)) {
            throw new IllegalArgumentException("seconds per pulse must be positive, was " + secondsPerPulse);
        }
        return new JunctionClock(null, secondsPerPulse);
    }

    /** A junction in state P at 0 V on this clock. */
    public MtjJunction junction(JunctionSpec spec, long seed) {
        if (shared != null) {
            return new MtjJunction(spec, seed, shared);
        }
        PulseCount count = new PulseCount(secondsPerPulse);
        MtjJunction junction = new MtjJunction(spec, seed, count);
        count.junction = junction;
        return junction;
    }

    /** Modelled nanoseconds from one junction's pulses; called only by that junction, under its lock. */
    private static final class PulseCount implements LongSupplier {
        private final double nanosPerPulse;
        private MtjJunction junction;

        PulseCount(double secondsPerPulse) {
            this.nanosPerPulse = secondsPerPulse * 1e9;
        }

        @Override
        public long getAsLong() {
            return junction == null ? 0 : Math.round(junction.pulsesApplied() * nanosPerPulse);
        }
    }
}

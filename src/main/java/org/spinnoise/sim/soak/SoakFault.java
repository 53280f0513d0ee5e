package org.spinnoise.sim.soak;

import java.time.Duration;
import java.util.SplittableRandom;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * One kind of fault the soak injects at random into whatever part of the chain is running: a bench acquisition (the
 * simulated instruments' {@link org.spinnoise.sim.FaultInjector}) or a board stream (the emulator). The soak's list
 * of kinds is {@link SoakFaults#standard()}; more kinds plug in by implementing this and joining that list, and the
 * report counts each kind by its name.
 */
public interface SoakFault {
    /** Where a fault can be injected. */
    enum Target { BENCH_ACQUISITION, BOARD_STREAM }

    /** What is running when a fault is injected: a simulated bench or a board emulator, the other null. */
    record Running(SimulatedBench bench, BoardEmulator board) {
    }

    /** A short fixed name, e.g. "bench-silence", the report's key for this kind. */
    String name();

    Target target();

    /**
     * Injects the fault and says how it ends: {@link Injected#hold} later {@link Injected#end} runs (it may do
     * nothing, for faults that end by themselves).
     */
    Injected inject(Running running, SplittableRandom random);

    /** An injected fault: what was done, how long it lasts before {@code end} undoes it. */
    record Injected(String detail, Duration hold, Runnable end) {
        static Injected lasting(String detail) {
            return new Injected(detail, Duration.ZERO, () -> { });
        }
    }
}

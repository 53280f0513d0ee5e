package org.spinnoise.sim.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a soak runs and for how long.
 *
 * @param duration         how long the chain runs (the last runs finish after it, and the report follows)
 * @param seed             the seed every simulated bench, board, client and fault draw derives from
 * @param clients          noise clients, at least three: one slow, one that vanishes, the rest normal
 * @param faultsPerMinute  mean rate of injected faults (exponential gaps); 0 for none
 * @param frameDamage      chance per board frame of each of the five kinds of frame damage
 * @param benchBits        bits per bench run
 * @param boardBits        bits per board run
 * @param folder           the soak's folder: its report, samples and fingerprints; run folders in runs/ under it
 * @param poolDir          the pool the runs go into and the service serves from
 * @param keepRuns         keep the folders of runs taken into the pool (failed runs are always kept)
 * @param sampleInterval   how often memory, threads and files are sampled
 * @param warmUp           samples before this are left out of the flatness figures
 * @param idleTimeout      the service's idle timeout (a vanished client's session ends after it)
 * @param faults           the fault kinds to draw from
 * @param linkTimeout      reply timeout of the bench instruments' links, or null for the address default (2 s);
 *                         longer on a machine so loaded that a simulated instrument misses 2 s
 */
public record SoakPlan(Duration duration, long seed, int clients, double faultsPerMinute, double frameDamage,
                       long benchBits, long boardBits, Path folder, Path poolDir, boolean keepRuns,
                       Duration sampleInterval, Duration warmUp, Duration idleTimeout, List<SoakFault> faults,
                       Duration linkTimeout) {
    /** The bound on memory growth after warm-up, in percent. */
    public static final double FLAT_PERCENT = 10;
    /** Shorter soaks are not judged on memory: after a sixth of the time as warm-up, the JVM is still settling. */
    public static final Duration MIN_JUDGED = Duration.ofMinutes(10);

    public SoakPlan {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a soak needs a positive duration, not " + duration);
        }
        if (clients < 3) {
            throw new IllegalArgumentException("a soak needs at least 3 noise clients (normal, slow, vanishing), not "
                    + clients);
        }
        if (!(faultsPerMinute >= 0)) {
            throw new IllegalArgumentException("the fault rate must be 0 or more per minute, not " + faultsPerMinute);
        }
        if (!(frameDamage >= 0 && frameDamage <= 0.2)) {
            throw new IllegalArgumentException("the frame damage chance must be in 0..0.2, not " + frameDamage);
        }
        if (benchBits < 1000 || boardBits < 65_536) {
            throw new IllegalArgumentException("runs need at least 1000 bench bits and 65536 board bits");
        }
        faults = List.copyOf(faults);
    }

    /**
     * The plan a soak of {@code duration} gets by default: warm-up a sixth of the run (5 minutes of 30), a memory
     * sample about every 200th of it (at least every second, at most every 10 s).
     */
    public static SoakPlan of(Duration duration, long seed, int clients, double faultsPerMinute, double frameDamage,
                              long benchBits, long boardBits, Path folder, Path poolDir, boolean keepRuns,
                              Duration linkTimeout) {
        long sampleMillis = Math.max(1_000, Math.min(10_000, duration.toMillis() / 200));
        return new SoakPlan(duration, seed, clients, faultsPerMinute, frameDamage, benchBits, boardBits, folder,
                poolDir, keepRuns, Duration.ofMillis(sampleMillis), duration.dividedBy(6), Duration.ofSeconds(3),
                SoakFaults.standard(), linkTimeout);
    }
}

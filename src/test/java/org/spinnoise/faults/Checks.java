package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.sim.SimulatedBench;

/** The assertions every cell shares: one clear line, outputs off, honest pool accounting, exact credit. */
final class Checks {
    /** Health-test false-alarm rate of the runs' ingests: the board's and the demo recipe's 2^-30. */
    static final double ALPHA = Math.scalb(1.0, -30);

    private Checks() {
    }

    /** A user-facing failure: one line holding every fragment (the instrument or file it names, what happened). */
    static String oneLine(Throwable failure, String... fragments) {
        assertNotNull(failure, "the stage must stop with an error");
        String line = failure.getMessage();
        assertNotNull(line, () -> "the error has no message: " + failure);
        assertFalse(line.contains("\n"), () -> "one line, not: " + line);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "the message lacks '" + fragment + "': " + line);
        }
        return line;
    }

    /** Every output of the demo bench off, as the simulated instruments hold them. */
    static void outputsOff(SimulatedBench sim) {
        assertFalse(sim.outputOn("pulse", 1), "pulse ch1 is on");
        assertFalse(sim.outputOn("pulse", 2), "pulse ch2 is on");
        assertFalse(sim.outputOn("smu", 1), "smu output is on");
    }

    /** Every appended byte is in exactly one state: served, discarded at recovery, corrupt, or available. */
    static void accountingBalances(PoolStatus s) {
        assertEquals(s.bytesAppended(), s.bytesServed() + s.bytesDiscardedAtRecovery() + s.corruptBytes()
                + s.bytesAvailable(), () -> "pool accounting does not balance: " + s);
    }

    /**
     * Ingests the run into a fresh pool and checks the pool credited exactly the run's confirmed bits, once: its raw
     * bits in equal the manifest's bit count (and bits.bin), and a second ingest of the same run is refused.
     */
    static PoolStatus creditedExactlyOnce(RunFolder run, Path poolDir) throws IOException {
        long bits = run.manifest().bits();
        assertTrue(bits > 0, "the run kept no bits to credit");
        try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
            RunIngest.Result result = RunIngest.ingest(RunFolder.open(run.dir()), pool, null, ALPHA);
            assertEquals(bits / 8 * 8, result.ingest().rawBitsIn(), "raw bits credited vs bits the run confirmed");
            assertEquals(result.ingest().rawBitsIn(), pool.status().rawBitsIn(), "the pool's raw bits in");
            accountingBalances(pool.status());
            assertThrows(IOException.class, () -> RunIngest.ingest(RunFolder.open(run.dir()), pool, null, ALPHA),
                    "a run's bits enter a pool once");
            return pool.status();
        }
    }
}

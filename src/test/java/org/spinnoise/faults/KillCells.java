package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.run.RunManifest;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.testing.ChildJvm;

/**
 * SIGKILL in each stage: spinnoise runs as a child and is killed with kill -9 once the stage is under way. No handler
 * runs, so the promise is about what the next process finds: a run folder that says "running" and is never ingested,
 * outputs left as they were until the next run turns them off before anything else, a pool that recovers with its
 * accounting balanced, no byte served twice across the restart, no bit credited twice.
 */
final class KillCells {
    private KillCells() {
    }

    /** Killed in the sweep (or, {@code inAcquisition}, while acquiring): the folder stays "running", refused. */
    static Cell.Scenario benchRun(long seed, boolean inAcquisition) {
        return dir -> {
            Path runs = dir.resolve("runs");
            try (SimulatedBench sim = ChildCells.demoBench(seed);
                 ChildJvm child = Child.start(ChildCells.acquire(sim, ChildCells.recipe(dir, 200_000), runs))) {
                child.awaitLine(inAcquisition ? "acquire: " : "* sweeping", 120);
                Thread.sleep(200);
                Child.sigkill(child);
                Path folder = ChildCells.onlyFolder(runs);
                RunManifest m = RunFolder.open(folder).manifest();
                assertEquals("running", m.status(), "nothing closed the run");
                try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
                    IOException refused = assertThrows(IOException.class,
                            () -> RunIngest.ingest(RunFolder.open(folder), pool, null, Checks.ALPHA));
                    Checks.oneLine(refused, folder.toString(), "killed with SIGKILL", "not ingested");
                    assertEquals(0, pool.status().rawBitsIn());
                }
                ChildCells.nextRunStartsWithOutputsOff(sim, dir.resolve("next-runs"));
            }
        };
    }

    /**
     * Killed mid-ingest: the pool recovers with balanced accounting and no corrupt byte; in all, the run's bits are
     * credited at most once, and a second ingest either completes the run or refuses it in one line.
     */
    static Cell.Scenario ingest(long seed) {
        return dir -> {
            RunFolder run = DiskFullCells.boardRun(dir.resolve("runs"), seed, 600_000);
            Path pool = dir.resolve("pool");
            try (ChildJvm child = Child.start("pool", "ingest", "--pool", pool.toString(), "--run", run.dir().toString(),
                    "--progress", "none")) {
                awaitFirstSegmentByte(pool, child);
                Child.sigkill(child);
            }
            PoolStatus after = ChildCells.status(pool);
            Checks.accountingBalances(after);
            assertEquals(0, after.corruptBytes(), after::toString);
            long bits = run.manifest().bits();
            assertTrue(after.rawBitsIn() <= bits, "credited at most once: " + after.rawBitsIn() + " of " + bits);
            try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
                try {
                    RunIngest.ingest(RunFolder.open(run.dir()), p, null, Checks.ALPHA);
                    assertEquals(bits, p.status().rawBitsIn(), "a second ingest completes the run, once");
                } catch (IOException refused) {
                    Checks.oneLine(refused, "already");
                    assertEquals(after.rawBitsIn(), p.status().rawBitsIn());
                }
                Checks.accountingBalances(p.status());
            }
        };
    }

    /** Waits until the ingest child has put its first byte into a pool segment: the ingest is under way. */
    private static void awaitFirstSegmentByte(Path pool, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Path segment = pool.resolve("segments").resolve("00000001.seg");
            if (Files.exists(segment) && Files.size(segment) > 0) {
                return;
            }
            if (!child.descendantsOrSelf().findFirst().orElseThrow().isAlive()) {
                throw new AssertionError("the ingest ended before it wrote to the pool\n" + child.transcript());
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the ingest never wrote to the pool\n" + child.transcript());
    }

    /** Killed while serving: after a restart, no byte it handed out is handed out again; every piece the pool's. */
    static Cell.Scenario serving(long seed) {
        return dir -> {
            KnownPool known = KnownPool.create(dir.resolve("pool"), 8, seed);
            List<KnownPool.Piece> pieces = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                try (ChildJvm child = Child.start(ChildCells.serve(known.dir))) {
                    String endpoint = ChildCells.endpoint(child);
                    pieces.addAll(PoolCells.drawAll(known, endpoint, 5L * PoolCells.CHUNK));
                    Child.sigkill(child);
                }
                Checks.accountingBalances(ChildCells.status(known.dir));
            }
            assertEquals(10, pieces.size(), "five pieces a round");
            KnownPool.assertDisjoint(pieces);
            PoolStatus s = ChildCells.status(known.dir);
            assertTrue(s.bytesServed() + s.bytesDiscardedAtRecovery() >= 10L * PoolCells.CHUNK,
                    "every byte handed out counts as gone: " + s);
        };
    }

    /**
     * Killed mid-sample: the bytes the sampler had reserved are skipped at recovery, the rest of the pool is its own
     * content in order, and the accounting balances.
     */
    static Cell.Scenario sampling(long seed) {
        return dir -> {
            KnownPool known = KnownPool.create(dir.resolve("pool"), 24, seed);
            long goneBefore;
            try (ChildJvm child = Child.start("sample", "--mode", "trng", "--pool", known.dir.toString(), "--images",
                    "2", "--steps", "50", "--progress", "none", "--out", dir.resolve("grid.png").toString())) {
                PoolStatus live;
                long deadline = System.nanoTime() + 120_000_000_000L;
                do {
                    Thread.sleep(20);
                    live = Files.exists(known.dir.resolve("cursor")) ? EntropyPool.inspect(known.dir) : null;
                } while ((live == null || live.bytesServed() + live.bytesDiscardedAtRecovery() == 0)
                        && System.nanoTime() < deadline);
                goneBefore = live == null ? 0 : live.bytesServed() + live.bytesDiscardedAtRecovery();
                Child.sigkill(child);
            }
            assertTrue(goneBefore > 0, "the sampler had drawn from the pool");
            try (EntropyPool p = EntropyPool.open(known.dir, PoolConfig.defaults())) {
                PoolStatus s = p.status();
                Checks.accountingBalances(s);
                long next = s.bytesServed() + s.bytesDiscardedAtRecovery();
                assertTrue(next >= goneBefore, "recovery went back to " + next + " though " + goneBefore
                        + " were gone before the kill");
                byte[] rest = p.takeUpTo("check", (int) s.bytesAvailable());
                assertArrayEquals(Arrays.copyOfRange(known.content, (int) next, known.content.length), rest);
            }
        };
    }
}

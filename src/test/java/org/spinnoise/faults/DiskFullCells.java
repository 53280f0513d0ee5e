package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.spinnoise.serve.NoiseServer;
import org.spinnoise.serve.ServerConfig;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.SmallDisk;
import org.spinnoise.sim.board.CorruptionSpec;
import org.spinnoise.testing.ChildJvm;

/**
 * A full disk under each stage: spinnoise runs as a child with the folder it writes on a small tmpfs
 * ({@link org.spinnoise.sim.SmallDisk}), so its writes fail with the kernel's ENOSPC. The stage stops with one line
 * naming the folder; nothing half-written is trusted afterwards; nothing is credited or served twice.
 */
final class DiskFullCells {
    private static final long DISK_BYTES = 2 << 20;

    private DiskFullCells() {
    }

    /** The disk fills during the calibration (16 KiB free): one line naming the run folder; outputs off. */
    static Cell.Scenario calibration(long seed) {
        return dir -> {
            ChildCells.requireSmallDisk();
            Path mount = Files.createDirectories(dir.resolve("disk"));
            Path copy = dir.resolve("copy");
            try (SimulatedBench sim = ChildCells.demoBench(seed);
                 ChildJvm child = Child.start(ChildCells.onSmallDisk(mount, DISK_BYTES, null, 16 << 10, copy),
                         ChildCells.acquire(sim, ChildCells.recipe(dir, 200_000), mount.resolve("runs")))) {
                int exit = child.awaitExit(120);
                ChildCells.failedWithOneLine(child, exit, mount.resolve("runs").toString(),
                        "No space left on device", "free space");
                Checks.outputsOff(sim);
            }
            Path folder = ChildCells.onlyFolder(copy.resolve("runs"));
            assertEquals(0, RunFolder.open(folder).manifest().bits());
            ChildCells.honestFolder(folder, dir.resolve("pool"));
        };
    }

    /** The disk fills mid-stream on a board run: one line naming the run folder; the folder is never over-trusted. */
    static Cell.Scenario acquisition(long seed) {
        return dir -> {
            ChildCells.requireSmallDisk();
            Path mount = Files.createDirectories(dir.resolve("disk"));
            Path copy = dir.resolve("copy");
            try (ChildJvm child = Child.start(ChildCells.onSmallDisk(mount, DISK_BYTES, null, 160 << 10, copy),
                    "board", "--emulate", "--seed", Long.toString(seed), "--bits", "4000000", "--no-pool",
                    "--progress", "lines", "--runs", mount.resolve("runs").toString())) {
                int exit = child.awaitExit(120);
                child.awaitLine("* streaming", 1);
                ChildCells.failedWithOneLine(child, exit, mount.resolve("runs").toString(), "No space left on device",
                        "free space");
            }
            Path folder = ChildCells.onlyFolder(copy.resolve("runs"));
            RunFolder run = RunFolder.open(folder);
            assertTrue(Files.size(run.file("bits.bin")) * 8 >= run.manifest().bits(),
                    "bits.bin holds every bit the manifest counts");
            ChildCells.honestFolder(folder, dir.resolve("pool"));
        };
    }

    /** A run made in process on the emulated board, to be ingested. */
    static RunFolder boardRun(Path runs, long seed, long bits) throws Exception {
        try (BoardRun.Outcome o = BoardRun.run(runs, seed, bits, false, CorruptionSpec.NONE, Stage.ACQUISITION, 0,
                null)) {
            assertEquals("complete", o.folder().manifest().status());
            return o.folder();
        }
    }

    /**
     * The pool's disk fills during an ingest: one line naming the run and the pool and saying nothing was taken in;
     * the pool opens with balanced accounting and none of the run credited; with space again the run goes in, once.
     * (Before issue 18 the run stayed claimed: it could never be ingested into that pool again.)
     */
    static Cell.Scenario ingest(long seed) {
        return dir -> {
            ChildCells.requireSmallDisk();
            RunFolder run = boardRun(dir.resolve("runs"), seed, 400_000);
            KnownPool known = KnownPool.create(dir.resolve("seed").resolve("seed-pool"), 2, seed);
            Path mount = Files.createDirectories(dir.resolve("disk"));
            Path copy = dir.resolve("copy");
            try (ChildJvm child = Child.start(ChildCells.onSmallDisk(mount, DISK_BYTES, known.dir.getParent(),
                    16 << 10, copy), "pool", "ingest", "--pool", mount.resolve("seed-pool").toString(), "--run",
                    run.dir().toString(), "--progress", "none")) {
                ChildCells.failedWithOneLine(child, child.awaitExit(120), run.dir().toString(),
                        mount.resolve("seed-pool").toString(), "No space left on device", "nothing was taken in",
                        "ingest the run again");
            }
            Path pool = copy.resolve("seed-pool");
            long knownBits = known.content.length * 8L;
            PoolStatus after = ChildCells.status(pool);
            Checks.accountingBalances(after);
            assertEquals(0, after.corruptBytes(), after::toString);
            assertEquals(knownBits, after.rawBitsIn(), "nothing of the run was credited");
            try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
                RunIngest.ingest(RunFolder.open(run.dir()), p, null, Checks.ALPHA);
                assertEquals(knownBits + run.manifest().bits(), p.status().rawBitsIn(),
                        "with space again, the run is credited exactly once in all");
                Checks.accountingBalances(p.status());
            }
        };
    }

    /**
     * The service's disk fills while it serves: no byte goes out without its reservation on disk; after a restart
     * with space, nothing it handed out is handed out again and every piece is the pool's own.
     */
    static Cell.Scenario serving(long seed) {
        return dir -> {
            ChildCells.requireSmallDisk();
            KnownPool known = KnownPool.create(dir.resolve("seed").resolve("pool"), 8, seed);
            Path mount = Files.createDirectories(dir.resolve("disk"));
            Path copy = dir.resolve("copy");
            List<KnownPool.Piece> pieces = new ArrayList<>();
            try (ChildJvm child = Child.start(ChildCells.onSmallDisk(mount, DISK_BYTES, known.dir.getParent(),
                    256 << 10, copy), ChildCells.serve(mount.resolve("pool")))) {
                String endpoint = ChildCells.endpoint(child);
                pieces.addAll(PoolCells.drawAll(known, endpoint, 3L * PoolCells.CHUNK));
                SmallDisk.fill(child.process().pid(), mount, 0);
                List<KnownPool.Piece> afterFull = PoolCells.drawAll(known, endpoint, 24L * PoolCells.CHUNK);
                assertTrue(afterFull.size() < 24, "a service on a full disk cannot go on reserving: "
                        + afterFull.size() + " pieces");
                pieces.addAll(afterFull);
                ChildCells.stopJavaInside(child);
                child.awaitExit(60);
            }
            Path pool = copy.resolve("pool");
            Checks.accountingBalances(ChildCells.status(pool));
            try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults());
                 NoiseServer server = NoiseServer.start(ServerConfig.loopback(),
                         (mode, consumer, s) -> NoiseSources.open(mode, p, consumer, s), p::status)) {
                pieces.addAll(PoolCells.drawAll(known, server.endpoint(), Long.MAX_VALUE));
            }
            KnownPool.assertDisjoint(pieces);
            Checks.accountingBalances(ChildCells.status(pool));
        };
    }

    /**
     * The disk fills while a trng sample is written: one line naming what could not be written; the bytes the
     * sample drew are never available again; what is left is the pool's own content, in order.
     */
    static Cell.Scenario sampling(long seed) {
        return dir -> {
            ChildCells.requireSmallDisk();
            KnownPool known = KnownPool.create(dir.resolve("seed").resolve("pool"), 8, seed);
            Path mount = Files.createDirectories(dir.resolve("disk"));
            Path copy = dir.resolve("copy");
            try (ChildJvm child = Child.start(ChildCells.onSmallDisk(mount, DISK_BYTES, known.dir.getParent(), 0, copy),
                    "sample", "--mode", "trng", "--pool", mount.resolve("pool").toString(), "--images", "2",
                    "--steps", "5", "--progress", "none", "--out", mount.resolve("grid.png").toString())) {
                ChildCells.failedWithOneLine(child, child.awaitExit(120), "No space left on device");
            }
            Path pool = copy.resolve("pool");
            try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
                PoolStatus s = p.status();
                Checks.accountingBalances(s);
                byte[] rest = p.takeUpTo("check", (int) s.bytesAvailable());
                assertArrayEquals(Arrays.copyOfRange(known.content, known.content.length - rest.length,
                        known.content.length), rest, "what is left is the pool's unserved tail");
            }
        };
    }

}

package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolHolder;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.run.HandoffIngester;
import org.spinnoise.run.RunFolder;
import org.spinnoise.serve.NoiseClient;
import org.spinnoise.testing.ChildJvm;

/**
 * Issue 18, defect 6: a pool held by another process is refused before the first pulse, naming the holder; a running
 * service that owns the pool takes runs handed to it. Also defect 5 end to end: a service that stops cleanly gives
 * back what it never sent.
 */
class PoolOwnerTest {
    private static final String PID = "pid " + ProcessHandle.current().pid() + " (";

    @TempDir
    Path dir;

    private String[] board(Path runs, Path pool) {
        return new String[] {"board", "--emulate", "--bits", "200000", "--runs", runs.toString(), "--pool",
                pool.toString()};
    }

    private static List<Path> runFolders(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(Files::isDirectory).toList();
        }
    }

    @Test
    void aHeldPoolThatTakesNoRunsIsRefusedBeforeAnyPulseNamingTheHolder() throws Exception {
        Path pool = dir.resolve("pool");
        Path runs = dir.resolve("runs");
        try (EntropyPool held = EntropyPool.open(pool, PoolConfig.defaults())) {
            for (String[] args : List.of(board(runs, pool), new String[] {"demo", "--runs", runs.toString(),
                    "--pool", pool.toString()})) {
                Outcome o = run(args);
                assertEquals(1, o.code(), o.out() + o.err());
                assertTrue(o.err().contains("entropy pool " + pool + " is in use by " + PID)
                        && o.err().contains("does not take runs in"), o.err());
                assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            }
            assertEquals(List.of(), runFolders(runs), "refused before a run folder, let alone a pulse");
            assertEquals(0, held.status().bytesAppended());
        }
    }

    @Test
    void aServiceThatOwnsThePoolTakesRunsHandedToIt() throws Exception {
        Path pool = dir.resolve("pool");
        Path runs = dir.resolve("runs");
        try (EntropyPool owned = EntropyPool.open(pool, PoolConfig.defaults());
             HandoffIngester ingester = HandoffIngester.start(owned, pool, PoolReport::render)) {
            Outcome o = run(board(runs, pool));
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("handing the run to " + PID) && o.out().contains("bytes available"),
                    o.out());
            long appended = owned.status().bytesAppended();
            assertTrue(appended > 0, "the owner took the run in: " + owned.status());
            Path run = runFolders(runs).get(0);
            assertNotNull(RunFolder.open(run).manifest().poolIngest(), "the run's manifest says where it went");

            Outcome again = run("pool", "ingest", "--run", run.toString(), "--pool", pool.toString());
            assertEquals(1, again.code(), again.out() + again.err());
            assertTrue(again.out().contains("handing " + run) && again.err().contains("already ingested"),
                    again.out() + again.err());
            assertEquals(appended, owned.status().bytesAppended(), "a run enters the pool once");

            Outcome demo = run("demo", "--runs", runs.toString(), "--pool", pool.toString());
            assertEquals(1, demo.code(), demo.out() + demo.err());
            assertTrue(demo.err().contains("is in use by " + PID) && demo.err().contains("needs the pool itself"),
                    demo.err());
        }
        assertFalse(Files.exists(pool.resolve("handoff/accepting")), "a stopped owner takes no runs");
    }

    /** The real thing: a {@code serve} process owns the pool, a board run is handed to it, a client draws. */
    @Test
    void aRunningServeTakesABoardRunInAndGivesBackWhatItDidNotSendWhenStopped() throws Exception {
        Path pool = dir.resolve("pool");
        Path runs = dir.resolve("runs");
        try (ChildJvm serve = ChildCli.start("serve", "--bind", "tcp://127.0.0.1:0", "--modes", "trng", "--pool",
                pool.toString(), "--telemetry", "off")) {
            serve.awaitLine("Ctrl-C stops the service.", 60);
            Outcome o = run(board(runs, pool));
            assertEquals(0, o.code(), o.out() + o.err());
            assertTrue(o.out().contains("handing the run to pid ") && o.out().contains("spinnoise serve"), o.out());
            String endpoint = serve.out().stream().filter(l -> l.startsWith("serving noise on ")).findFirst()
                    .orElseThrow().split(" ")[3];
            try (NoiseClient client = NoiseClient.connect(endpoint)) {
                client.fillBytes(NoiseMode.TRNG, new byte[1000]);
            }
            Outcome status = run("pool", "status", "--pool", pool.toString());
            assertTrue(status.out().contains("reserved ") && status.out().contains("spinnoise serve"),
                    "a live reservation is shown as one, with its holder: " + status.out());
            serve.signal("INT");
            assertEquals(130, serve.awaitExit(30), serve.transcript()); // 128 + SIGINT, after a clean stop
        }
        PoolStatus after = EntropyPool.inspect(pool);
        assertEquals(1000, after.bytesServed(), "the service handed out 1000 bytes and took no more");
        assertEquals(0, after.bytesDiscardedAtRecovery(), "a clean stop loses nothing");
        assertEquals(after.bytesAppended() - 1000, after.bytesAvailable());
    }

    /**
     * Defect 5's sacred half: a {@code serve} killed with SIGKILL never serves its reservation again, and the
     * reservation it loses is the small first one, not a 64 KiB block.
     */
    @Test
    void aServeKilledWithSigkillNeverServesItsReservationAgain() throws Exception {
        Path pool = dir.resolve("pool");
        byte[] payload = new byte[200_000];
        new SplittableRandom(5).nextBytes(payload);
        try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
            p.append(payload, 0, payload.length, new IngestCounts(8L * payload.length, 0,
                    8.0 * payload.length), "test");
        }
        byte[] first = drawFromAFreshServe(pool, true);
        assertArrayEquals(Arrays.copyOfRange(payload, 0, 1000), first);
        PoolStatus afterKill = EntropyPool.inspect(pool);
        assertEquals(4096, afterKill.bytesDiscardedAtRecovery(),
                "the killed service's (small, first) reservation is written off: " + afterKill);
        byte[] second = drawFromAFreshServe(pool, false);
        assertArrayEquals(Arrays.copyOfRange(payload, 1000 + 4096, 2000 + 4096), second,
                "the next service starts past the written-off reservation, serving nothing twice");
        PoolStatus end = EntropyPool.inspect(pool);
        assertEquals(4096, end.bytesDiscardedAtRecovery());
        assertEquals(2000, end.bytesServed());
        assertEquals(200_000 - 2000 - 4096, end.bytesAvailable());
    }

    /** Starts serve on the pool, draws 1000 trng bytes, then stops it with SIGKILL or SIGINT. */
    private static byte[] drawFromAFreshServe(Path pool, boolean kill) throws Exception {
        try (ChildJvm serve = ChildCli.start("serve", "--bind", "tcp://127.0.0.1:0", "--modes", "trng", "--pool",
                pool.toString(), "--telemetry", "off")) {
            serve.awaitLine("Ctrl-C stops the service.", 60);
            String endpoint = serve.out().stream().filter(l -> l.startsWith("serving noise on ")).findFirst()
                    .orElseThrow().split(" ")[3];
            byte[] bytes = new byte[1000];
            try (NoiseClient client = NoiseClient.connect(endpoint)) {
                client.fillBytes(NoiseMode.TRNG, bytes);
            }
            long pid = PoolHolder.live(pool).orElseThrow().pid();
            if (kill) {
                assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor());
                assertEquals(137, serve.awaitExit(30), serve.transcript());
            } else {
                serve.signal("INT");
                assertEquals(130, serve.awaitExit(30), serve.transcript());
            }
            return bytes;
        }
    }
}

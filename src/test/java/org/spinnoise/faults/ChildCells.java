package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunStoppedException;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.RunIngest;
import org.spinnoise.run.RunManifest;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.SmallDisk;
import org.spinnoise.testing.DemoBench;
import org.spinnoise.testing.ChildJvm;

/** Shared pieces of the cells that run spinnoise as a child process (SIGKILL, a full disk). */
final class ChildCells {
    private static final Pattern ENDPOINT = Pattern.compile("serving noise on (tcp://\\S+)");

    private ChildCells() {
    }

    /**
     * The cell's small recipe, written as a file for {@code spinnoise acquire --recipe}: the in-process cells' plan
     * with a coarser sweep (7 points of 100 pulses), since a fresh JVM's first thousand exchanges are slow.
     */
    static Path recipe(Path dir, long bits) throws IOException {
        AcquisitionPlan plan = BenchRun.plan(bits);
        AcquisitionPlan coarse = new AcquisitionPlan(plan.limits(), plan.wiring(), plan.read(), plan.reset(),
                plan.levels(), SweepPlan.linear(plan.sweep().startVolts(), plan.sweep().stopVolts(), 7, 100,
                plan.sweep().widthSeconds()), bits, plan.health(), plan.seed(), plan.scheme(), plan.reconnect());
        Path file = dir.resolve("recipe.json");
        new ObjectMapper().writeValue(file.toFile(), coarse);
        return file;
    }

    /** {@code acquire} against the simulated bench's addresses, into {@code runs}. */
    static String[] acquire(SimulatedBench sim, Path recipe, Path runs) {
        return new String[] {"acquire", "--pulse", sim.address("pulse"), "--smu", sim.address("smu"), "--recipe",
                recipe.toString(), "--no-pool", "--progress", "lines", "--runs", runs.toString()};
    }

    /** Skips the cell, saying why, where this machine cannot give a process a small tmpfs of its own. */
    static void requireSmallDisk() {
        SmallDisk.unavailableReason().ifPresent(reason -> Assumptions.abort("no small disk here: " + reason));
    }

    /** Wraps a child in a small disk at {@code mount}: {@code sizeBytes}, seeded, {@code freeBytes} left. */
    static UnaryOperator<List<String>> onSmallDisk(Path mount, long sizeBytes, Path seed, long freeBytes,
                                                   Path copyOut) {
        return command -> SmallDisk.wrap(mount, sizeBytes, seed, freeBytes, copyOut, command);
    }

    /** The one folder in {@code runs}. */
    static Path onlyFolder(Path runs) throws IOException {
        try (Stream<Path> list = Files.list(runs)) {
            List<Path> folders = list.toList();
            assertEquals(1, folders.size(), folders.toString());
            return folders.get(0);
        }
    }

    /** The child failed with exit code 1 and told its user one line holding every fragment. */
    static String failedWithOneLine(ChildJvm child, int exit, String... fragments) {
        assertEquals(1, exit, child::transcript);
        List<String> errors = Child.errors(child).stream().filter(l -> l.startsWith("spinnoise: ")).toList();
        assertEquals(1, errors.size(), child::transcript);
        String line = errors.get(0);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "the message lacks '" + fragment + "': " + line);
        }
        return line;
    }

    /**
     * A run folder a stage left after a fault: its manifest reads back (it was never half-written), and it is either
     * refused by the ingest in one line (never closed, so never confirmed) or credited exactly once.
     */
    static void honestFolder(Path folder, Path pool) throws IOException {
        RunManifest m = RunFolder.open(folder).manifest();
        assertNotEquals("complete", m.status(), "a stage that failed must not say complete");
        if (m.status().equals("running") || m.bits() == 0) {
            try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
                IOException refused = assertThrows(IOException.class,
                        () -> RunIngest.ingest(RunFolder.open(folder), p, null, Checks.ALPHA));
                Checks.oneLine(refused, folder.toString());
                assertEquals(0, p.status().rawBitsIn(), "nothing credited");
            }
        } else {
            Checks.creditedExactlyOnce(RunFolder.open(folder), pool);
        }
    }

    /**
     * After a SIGKILL nothing turned the outputs off (a killed process cannot); the next run does, before anything
     * else: at its first stage every output of the bench is off. That run is stopped there.
     */
    static void nextRunStartsWithOutputsOff(SimulatedBench sim, Path runs) throws Exception {
        RunStopper stopper = RunStopper.never();
        boolean[] off = new boolean[1];
        boolean[] seen = new boolean[1];
        RunListener firstStage = new RunListener() {
            @Override
            public void stage(String description) {
                if (!seen[0]) {
                    seen[0] = true;
                    off[0] = !sim.outputOn("pulse", 1) && !sim.outputOn("pulse", 2) && !sim.outputOn("smu", 1);
                    stopper.requestStop("the fault matrix saw the first stage");
                }
            }
        };
        WireLog wire = new WireLog();
        try (Bench bench = Bench.connect(sim.address("pulse") + "?timeout_ms=" + DemoBench.TIMEOUT_MS,
                sim.address("smu") + "?timeout_ms=" + DemoBench.TIMEOUT_MS, 1, 2, DemoBench.LIMITS, wire)) {
            assertThrows(RunStoppedException.class, () -> new CalibratedAcquisition(bench, BenchRun.plan(2_000),
                    RunFolder.create(runs, "next"), wire, firstStage, stopper).run());
        }
        assertTrue(seen[0] && off[0], "the next run's first stage found an output on");
        Checks.outputsOff(sim);
    }

    /** The endpoint a {@code serve} child prints. */
    static String endpoint(ChildJvm serve) throws InterruptedException {
        Matcher m = ENDPOINT.matcher(serve.lineWith("serving noise on", 30));
        assertTrue(m.find());
        return m.group(1);
    }

    /** {@code serve} on {@code pool}, on a free loopback port, without telemetry. */
    static String[] serve(Path pool) {
        return new String[] {"serve", "--pool", pool.toString(), "--bind", "tcp://127.0.0.1:0", "--telemetry", "off",
                "--progress", "none"};
    }

    /** SIGTERM to the JVM inside a wrapper (a small disk's shell), so the wrapper goes on to copy the disk out. */
    static void stopJavaInside(ChildJvm child) {
        child.descendantsOrSelf().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(ProcessHandle::destroy);
    }

    static PoolStatus status(Path pool) throws Exception {
        try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
            return p.status();
        }
    }

    static SimulatedBench demoBench(long seed) {
        return SimulatedBench.start(BenchFile.demo(), seed);
    }
}

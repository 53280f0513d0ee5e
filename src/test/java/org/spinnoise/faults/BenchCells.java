package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.spinnoise.bits.OperatingPointCheck;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.OutputsLeftOnException;
import org.spinnoise.run.RunManifest;
import org.spinnoise.sim.JunctionNode.PulseOutcome;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;

/**
 * The instrument faults (drop, stall, garble, reboot, spurious error) in the calibration and acquisition stages of a
 * bench run on the simulated demo bench over TCP. Calibration has no reconnect: it stops, keeps no bits and leaves
 * every output off. Acquisition reconnects after a drop, stall or reboot and completes with exactly the junction's
 * bits; an error the instrument reports or a reply it garbled stops it with its confirmed bits kept and creditable.
 */
final class BenchCells {
    private static final long BITS = 2_000;
    /** Writes into the sweep, or into the acquisition, before the fault strikes. */
    private static final long CALIBRATION_WRITES = 300;
    private static final long ACQUISITION_WRITES = 600;
    /** Late enough that two confirmations (1,024 bits) precede a fault that stops the run: enough to assess. */
    private static final long STOPPING_WRITES = 1_300;

    private BenchCells() {
    }

    static Consumer<SimulatedBench> drop(String role) {
        return sim -> sim.faults().dropConnections(role);
    }

    /** Silences the role now and lets it answer again after {@code millis}: a stalled instrument that comes back. */
    static Consumer<SimulatedBench> stall(String role, long millis) {
        return sim -> {
            sim.faults().silence(role);
            Thread clear = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sim.faults().clear(role);
            }, "stall-ends");
            clear.setDaemon(true);
            clear.start();
        };
    }

    static Consumer<SimulatedBench> garble(String role) {
        return sim -> sim.faults().garbleNextReplies(role, 1);
    }

    static Consumer<SimulatedBench> reboot(String role) {
        return sim -> sim.faults().reboot(role, Duration.ofMillis(400));
    }

    /** -310 System error: a device-specific error the instrument raises of its own accord. */
    static Consumer<SimulatedBench> spuriousError(String role) {
        return sim -> sim.faults().raiseSpuriousError(role, -310);
    }

    /**
     * Calibration stops: the one line names the instrument ({@code role}) and {@code fragments}; the folder is
     * "failed" with no bits (nothing to credit); every output off, also after a stalled instrument answers again.
     */
    static Cell.Scenario calibrationStops(long seed, Consumer<SimulatedBench> fault, String role, long settleMillis,
                                          String... fragments) {
        return dir -> {
            try (BenchRun.Outcome o = BenchRun.run(dir, seed, BenchRun.plan(BITS), Stage.CALIBRATION,
                    CALIBRATION_WRITES, fault)) {
                assertTrue(o.faultStruck(), "the fault struck during the sweep");
                String line = Checks.oneLine(o.failure(), fragments);
                assertTrue(line.startsWith(role + " "), line);
                RunManifest m = o.manifest();
                assertEquals("failed", m.status());
                assertEquals(line, m.run().error());
                assertEquals(0, m.bits(), "calibration acquires no bits");
                Thread.sleep(settleMillis);
                Checks.outputsOff(o.sim());
            }
        };
    }

    /**
     * The serial line of the SMU (the demo bench with its SMU on a socat pty) vanishes in the sweep: the calibration
     * stops with one line naming the SMU and its serial port; folder "failed" with no bits; the pulse generator's
     * outputs are off. The SMU itself cannot be reached: its output stays as the sweep left it, which the manifest's
     * safe-state record and the user's one line say.
     */
    static Cell.Scenario calibrationSerialLineVanishes(long seed) {
        return dir -> {
            try (BenchRun.Outcome o = BenchRun.run(dir, serialSmuBench(), seed, BenchRun.plan(BITS),
                    Stage.CALIBRATION, CALIBRATION_WRITES, sim -> sim.faults().vanishSerialLine("smu"))) {
                assertTrue(o.faultStruck());
                String address = o.sim().address("smu");
                String line = Checks.oneLine(o.failure(), "smu", address.substring(0, address.indexOf("::")));
                assertTrue(line.startsWith("smu "), line);
                RunManifest m = o.manifest();
                assertEquals("failed", m.status());
                assertEquals(0, m.bits());
                assertTrue(!o.sim().outputOn("pulse", 1) && !o.sim().outputOn("pulse", 2), "a pulse output is on");
                assertTrue(m.run().safeState().get("smu").startsWith("FAILED"), m.run().safeState().toString());
                String userLine = OutputsLeftOnException.userLine(o.failure());
                assertTrue(userLine.contains("outputs NOT confirmed off") && userLine.contains("smu: "), userLine);
            }
        };
    }

    /** The demo bench with its SMU on a serial line (a socat pseudo-terminal pair). */
    static BenchFile serialSmuBench() {
        return BenchFile.read(Path.of(System.getProperty("spinnoise.projectDir", "."))
                .resolve("mock-instruments/benches/demo-serial.json"));
    }

    /**
     * Acquisition reconnects and completes: bits.bin is the junction's own record of the writes of confirmed
     * batches (the discarded batch and the operating-point check cut out), the pool credits exactly those bits once,
     * and every output is off.
     */
    static Cell.Scenario acquisitionRecovers(long seed, Consumer<SimulatedBench> fault) {
        return dir -> {
            try (BenchRun.Outcome o = BenchRun.run(dir.resolve("runs"), seed, BenchRun.plan(BITS),
                    Stage.ACQUISITION, ACQUISITION_WRITES, fault)) {
                assertNull(o.failure(), () -> "the run failed: " + o.failure());
                assertTrue(o.faultStruck());
                RunManifest m = o.manifest();
                assertEquals("complete", m.status());
                assertEquals(BITS, m.bits());
                List<String[]> events = events(o);
                String reconnected = events.stream().filter(e -> e[1].equals("reconnected")).map(e -> e[3])
                        .findFirst().orElseThrow(() -> new AssertionError("no reconnect in events.csv"));
                java.util.regex.Matcher at = java.util.regex.Pattern.compile("continuing at bit index (\\d+)")
                        .matcher(reconnected);
                assertTrue(at.find(), reconnected);
                int confirmedBefore = Integer.parseInt(at.group(1));
                long discarded = events.stream().filter(e -> e[1].equals("discarded"))
                        .mapToLong(e -> Long.parseLong(e[2])).sum();
                assertEquals(discarded, m.acquisition().discardedUnconfirmedBits());
                int[] kept = BenchRun.bits(o.folder());
                List<PulseOutcome> writes = o.writesSinceAcquisition();
                long unconfirmed = writes.size() - BITS - OperatingPointCheck.CHECK_BITS;
                assertTrue(unconfirmed >= 0 && unconfirmed <= discarded + 1, "junction writes " + writes.size()
                        + " = " + BITS + " kept + check + at most " + discarded + " discarded (+ one in flight)");
                int resumeAt = (int) (confirmedBefore + unconfirmed + OperatingPointCheck.CHECK_BITS);
                for (int i = 0; i < BITS; i++) {
                    int write = i < confirmedBefore ? i : resumeAt + i - confirmedBefore;
                    assertEquals(writes.get(write).antiparallelAfter() ? 1 : 0, kept[i],
                            "bit " + i + " against the junction's write " + write);
                }
                Checks.outputsOff(o.sim());
                Checks.creditedExactlyOnce(o.folder(), dir.resolve("pool"));
            }
        };
    }

    /**
     * Acquisition stops: one line naming the instrument and {@code fragments}; the folder is "failed" and keeps the
     * confirmed bits, which are the junction's first writes; the pool credits exactly those, once; outputs off.
     */
    static Cell.Scenario acquisitionStops(long seed, Consumer<SimulatedBench> fault, String role, String... fragments) {
        return dir -> {
            try (BenchRun.Outcome o = BenchRun.run(dir.resolve("runs"), seed, BenchRun.plan(BITS),
                    Stage.ACQUISITION, STOPPING_WRITES, fault)) {
                assertTrue(o.faultStruck());
                String line = Checks.oneLine(o.failure(), fragments);
                assertTrue(line.startsWith(role + " "), line);
                RunManifest m = o.manifest();
                assertEquals("failed", m.status());
                assertTrue(m.bits() > 0 && m.bits() < BITS, "confirmed bits kept: " + m.bits());
                int[] kept = BenchRun.bits(o.folder());
                List<PulseOutcome> writes = o.writesSinceAcquisition();
                for (int i = 0; i < kept.length; i++) {
                    assertEquals(writes.get(i).antiparallelAfter() ? 1 : 0, kept[i], "bit " + i);
                }
                Checks.outputsOff(o.sim());
                Checks.creditedExactlyOnce(o.folder(), dir.resolve("pool"));
            }
        };
    }

    private static List<String[]> events(BenchRun.Outcome o) throws java.io.IOException {
        List<String> lines = Files.readAllLines(o.folder().file(BoardAcquisition.EVENTS_FILE));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", 4)).toList();
    }
}

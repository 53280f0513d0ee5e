package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.JunctionArray;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * A board array end to end on the emulator (socat pty): three junctions of the demo array board, junction 1 rebuilt
 * with its V50 beyond the 1.5 V hard limit so its calibration cannot find a transition. The run completes with the
 * other two, each calibrated on its own (its V50 near its true one, its files as junction-ID-*), tracked (rows of its
 * own in the one tracking.csv) and health-tested; junction 1 is reported not calibrated, and no bit comes from it.
 * Then junction 1 (calibrated this time) breaks down mid-run: its bits stick, its own health tests drop it, its
 * stream is stopped and the others go on to the end.
 */
class BoardArrayRunTest {
    private static final BoardOperatingPoint START = new BoardOperatingPoint(0.6, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 0,
            0b111);

    @Test
    void aJunctionThatCannotBeCalibratedIsReportedAndTheOthersRunTracked(@TempDir Path dir) throws Exception {
        Path benchFile = dir.resolve("board-array-one-dead.json");
        String demo = Files.readString(Path.of("mock-instruments/benches/demo-board-array.json"));
        String bad = demo.replace("\"v50Volts\": 0.62,", "\"v50Volts\": 1.8,")
                .replace("\"resetV50Volts\": 0.6,", "\"resetV50Volts\": 1.7,");
        assertTrue(!bad.equals(demo), "the test bench file moves junction 1's V50");
        Files.writeString(benchFile, bad);
        BoardBenchFile bench = BoardBenchFile.read(benchFile);

        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(600_000, START, 1.5, 256, 8, 0.9,
                Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "board-array");
        ArrayRunSummary summary;
        double[] trueV50 = new double[3];
        try (BoardEmulator board = BoardEmulator.start(bench, 11); WireLog wire = new WireLog()) {
            summary = new BoardArrayAcquisition(board.address(), plan, folder, wire, new RunListener() { },
                    RunStopper.never())
                    .withCalibration(BoardCalibration.Plan.defaults(1e-8, 3, 0.1))
                    .withTracking(TrackingPlan.DEFAULT)
                    .run();
            for (int j = 0; j < 3; j++) {
                trueV50[j] = board.junction(j).v50VoltsAt(1e-8);
            }
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", manifest.status());
        assertEquals(600_000, summary.bits());
        assertEquals(2, summary.junctionsKept());

        JunctionArray.Junction dead = manifest.array().junctions().get(1);
        assertEquals(1, dead.junction());
        assertEquals(JunctionArray.NOT_CALIBRATED, dead.status());
        assertTrue(dead.reason().contains("calibration failed") && dead.reason().contains("safety limit"),
                dead.reason());
        assertEquals(0, dead.bits());
        assertNull(dead.v50Volts());
        for (int j : new int[] {0, 2}) {
            JunctionArray.Junction kept = manifest.array().junctions().get(j == 0 ? 0 : 2);
            assertEquals(j, kept.junction());
            assertEquals(JunctionArray.KEPT, kept.status());
            assertNotNull(kept.boardCalibration(), "junction " + j + " keeps its board calibration record");
            assertTrue(Math.abs(kept.v50Volts() - trueV50[j]) < 4 * kept.v50StdErrVolts(),
                    "junction " + j + ": " + kept.v50Volts() + " vs " + trueV50[j]);
            assertTrue(kept.bits() > 100_000, "junction " + j + " gave " + kept.bits() + " bits");
            assertEquals(0, kept.healthFailures());
            assertTrue(Files.exists(folder.file("junction-" + j + "-sweep.csv")));
            assertTrue(Files.exists(folder.file("junction-" + j + "-threshold.csv")));
        }
        assertEquals(manifest.array().junctions().get(0).bits() + manifest.array().junctions().get(2).bits(),
                summary.bits() + 0, "every bit of the run came from a kept junction");

        Set<String> blockJunctions = Files.readAllLines(folder.file(ArrayAcquisition.BLOCKS_FILE)).stream().skip(1)
                .map(l -> l.split(",")[2]).collect(Collectors.toSet());
        assertEquals(Set.of("0", "2"), blockJunctions, "junction 1 made no stretch of bits.bin");

        List<String> tracking = Files.readAllLines(folder.file(BoardAcquisition.TRACKING_FILE));
        Set<String> tracked = tracking.stream().skip(1).map(l -> l.split(",")[2]).collect(Collectors.toSet());
        assertEquals(Set.of("0", "2"), tracked, "each kept junction writes its own rows into tracking.csv");

        List<String> rows = Files.readAllLines(folder.file(ArrayAcquisition.JUNCTIONS_FILE));
        assertEquals(4, rows.size());
        assertTrue(rows.get(2).startsWith("1,0,0,,") && rows.get(2).contains(JunctionArray.NOT_CALIBRATED),
                rows.get(2));
        assertTrue(manifest.run().safeState().get("board").startsWith("stopped"), manifest.run().safeState()
                .toString());
    }

    @Test
    void aJunctionThatBreaksDownMidRunIsDroppedAndTheOthersGoOn(@TempDir Path dir) throws Exception {
        Path benchFile = dir.resolve("board-array-breakdown.json");
        String demo = Files.readString(Path.of("mock-instruments/benches/demo-board-array.json"));
        String breaking = demo.replace("\"resistanceAntiparallelOhms\": 4200,",
                "\"resistanceAntiparallelOhms\": 4200,\n      \"breakdownVolts\": 1.2,");
        assertTrue(!breaking.equals(demo), "the test bench file gives junction 1 a breakdown voltage");
        Files.writeString(benchFile, breaking);
        long bits = 600_000;
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(bits, START, 1.5, 256, 8, 0.9, Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "board-array");
        ArrayRunSummary summary;
        AtomicBoolean broken = new AtomicBoolean();
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.read(benchFile), 12);
             WireLog wire = new WireLog()) {
            RunListener breakJunction1 = new RunListener() {
                @Override
                public void acquired(long got, long total) {
                    if (got >= bits / 4 && !broken.getAndSet(true)) {
                        board.junction(1).applyPulse(2.0, 1e-8); // beyond its 1.2 V breakdown, for good
                    }
                }
            };
            summary = new BoardArrayAcquisition(board.address(), plan, folder, wire, breakJunction1,
                    RunStopper.never()).withCalibration(BoardCalibration.Plan.defaults(1e-8, 4, 0.1)).run();
            assertTrue(board.junction(1).stress().brokenDown());
        }
        assertTrue(broken.get());
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", manifest.status());
        assertEquals(bits, summary.bits());
        List<JunctionArray.Junction> js = manifest.array().junctions();
        assertEquals(List.of("kept", "dropped", "kept"), js.stream().map(JunctionArray.Junction::status).toList());
        assertTrue(js.get(1).reason().startsWith("health tests failed"), js.get(1).reason());
        assertTrue(js.get(1).safeState().values().iterator().next().startsWith("stream stopped"),
                js.get(1).safeState().toString());
        assertEquals(bits, js.get(0).bits() + js.get(1).bits() + js.get(2).bits());
        assertTrue(manifest.run().safeState().get("board").startsWith("stopped"), manifest.run().safeState()
                .toString());
        var ledger = RunEnergy.read(folder.dir());
        assertTrue(ledger != null && ledger.computed() && ledger.deviceJoules() > 0, "the board array's ledger: "
                + (ledger == null ? "no energy.json" : ledger.notComputed()));
        assertTrue(ledger.notes().stream().anyMatch(n -> n.startsWith("junction 1 was dropped")),
                ledger.notes().toString());
        long cyclesOfJunction1 = js.get(1).boardStream().pulsesFired() + js.get(1).boardStream().missingBits();
        assertTrue(js.get(1).boardApplied() != null && cyclesOfJunction1 > js.get(1).bits(),
                "the dropped junction's own stream counts, beyond its kept bits: " + js.get(1).boardStream());
        assertTrue(ledger.notes().stream().anyMatch(n -> n.contains("junction 1: " + String.format(
                java.util.Locale.ROOT, "%,d kept bits, %,d cycles without one", js.get(1).bits(),
                cyclesOfJunction1 - js.get(1).bits()))), ledger.notes().toString());
    }
}

package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.sim.board.CorruptionSpec;

/**
 * The serial and stream faults on the emulated pulser board over its pty: the port vanishing, and STREAM frames
 * corrupted or lost. A vanished port stops the stage with one line naming it, keeping every bit that arrived; damaged
 * and lost frames are dropped and counted while the stage goes on, so the calibration still finds the junction's V50
 * and the run folder holds exactly the bits of the frames that arrived intact, each once, in order.
 */
final class BoardCells {
    /** Bit flips, truncations and garbage bursts: 3 % of frames each. */
    static final CorruptionSpec CORRUPT = new CorruptionSpec(0.03, 0.03, 0.03, 0, 0, 0);
    /** 6 % of frames never sent. */
    static final CorruptionSpec LOST = new CorruptionSpec(0, 0, 0, 0.06, 0, 0);
    private static final long CALIBRATED_BITS = 50_000;
    private static final long BITS = 400_000;

    private BoardCells() {
    }

    /** The line says the port went away, as the read or the write that met it saw it, and what to do next. */
    private static void portGone(String line) {
        assertTrue(line.contains("vanished") || line.contains("is the port still there"), line);
        assertTrue(line.contains("find its port again") && line.contains("run again"), line);
    }

    /** The port vanishes mid-calibration: one line naming it, a "failed" folder with no bits. */
    static Cell.Scenario calibrationPortVanishes(long seed) {
        return dir -> {
            try (BoardRun.Outcome o = BoardRun.run(dir, seed, CALIBRATED_BITS, true, CorruptionSpec.NONE,
                    Stage.CALIBRATION, 4_000, b -> b.vanish())) {
                assertTrue(o.faultStruck());
                portGone(Checks.oneLine(o.failure(), o.board().address()));
                RunManifest m = o.folder().manifest();
                assertEquals("failed", m.status());
                assertEquals(0, m.bits());
            }
        };
    }

    /**
     * The port vanishes mid-stream: one line naming it and saying the bits are kept; bits.bin is exactly the first
     * bits the board sent intact, and the pool credits those once.
     */
    static Cell.Scenario acquisitionPortVanishes(long seed) {
        return dir -> {
            try (BoardRun.Outcome o = BoardRun.run(dir.resolve("runs"), seed, BITS, false, CorruptionSpec.NONE,
                    Stage.ACQUISITION, 20_000, b -> b.vanish())) {
                assertTrue(o.faultStruck());
                portGone(Checks.oneLine(o.failure(), o.board().address()));
                RunManifest m = o.folder().manifest();
                assertEquals("failed", m.status());
                byte[] bits = Files.readAllBytes(o.folder().file("bits.bin"));
                assertEquals(m.bits(), bits.length * 8L);
                byte[] sent = o.sent().intactBits();
                assertTrue(bits.length > 0 && bits.length <= sent.length, bits.length + " of " + sent.length);
                assertArrayEquals(Arrays.copyOf(sent, bits.length), bits, "what was kept is what the board sent");
                Checks.creditedExactlyOnce(o.folder(), dir.resolve("pool"));
            }
        };
    }

    /**
     * The board calibrates through a damaged stream: it completes, its V50 is the junction's within 4 standard
     * errors, and the run's bits are the tail of what the board sent intact.
     */
    static Cell.Scenario calibrationThroughDamage(long seed, CorruptionSpec damage) {
        return dir -> {
            try (BoardRun.Outcome o = BoardRun.run(dir, seed, CALIBRATED_BITS, true, damage, Stage.CALIBRATION, 0,
                    null)) {
                assertNull(o.failure(), () -> "the run failed: " + o.failure());
                RunManifest m = o.folder().manifest();
                assertEquals("complete", m.status());
                BoardCalibrationRecord c = m.board().calibration();
                assertTrue(Math.abs(c.sweepFit().v50Volts() - o.trueV50Volts()) < 4 * c.sweepFit().v50StdErrVolts(),
                        c.sweepFit().v50Volts() + " ± " + c.sweepFit().v50StdErrVolts() + " vs true "
                                + o.trueV50Volts());
                assertTrue(o.sent().framesLost() + o.sent().corruptChunks() > 0, "the stream was damaged");
                byte[] bits = Files.readAllBytes(o.folder().file("bits.bin"));
                byte[] sent = o.sent().intactBits();
                assertArrayEquals(Arrays.copyOfRange(sent, sent.length - bits.length, sent.length), bits,
                        "after the calibration, every intact bit once, in order, and nothing else");
            }
        };
    }

    /**
     * A damaged stream during a run: it completes; bits.bin is exactly the bits of the intact frames, in order, each
     * once; the manifest counts the damage as the board did; the pool credits exactly those bits once.
     */
    static Cell.Scenario acquisitionThroughDamage(long seed, CorruptionSpec damage) {
        return dir -> {
            try (BoardRun.Outcome o = BoardRun.run(dir.resolve("runs"), seed, BITS, false, damage,
                    Stage.ACQUISITION, 0, null)) {
                assertNull(o.failure(), () -> "the run failed: " + o.failure());
                RunManifest m = o.folder().manifest();
                assertEquals("complete", m.status());
                byte[] bits = Files.readAllBytes(o.folder().file("bits.bin"));
                assertArrayEquals(o.sent().intactBits(), bits, "every intact frame's bits, once, in order");
                assertEquals(o.sent().corruptChunks(), m.stream().corruptFrames());
                assertEquals(o.sent().framesLost(), m.stream().missingFrames());
                assertEquals(o.sent().bitsSent() - o.sent().bitsIntact(), m.stream().missingBits());
                assertTrue(o.sent().framesLost() > 0, "frames were damaged or lost");
                Checks.creditedExactlyOnce(o.folder(), dir.resolve("pool"));
            }
        };
    }
}

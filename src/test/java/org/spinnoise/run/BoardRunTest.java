package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import org.spinnoise.sim.board.CorruptionSpec;
import org.spinnoise.sim.board.SentRecord;

/** Emulated board → socat pty → host → run folder → pool, with the stream damaged on the way. */
class BoardRunTest {
    private static final BoardOperatingPoint AT_V50 = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000,
            2_000, 1);

    @Test
    void aDamagedStreamLandsInTheRunFolderAndThePoolWithEveryLossCounted(@TempDir Path dir) throws Exception {
        BoardBenchFile bench = BoardBenchFile.demo().withCorruption(CorruptionSpec.everyKind(0.02));
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(400_000, AT_V50, 1.5, 512, 16, 0.9,
                Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "board");
        BoardAcquisition.Result result;
        SentRecord sent;
        try (BoardEmulator board = BoardEmulator.start(bench, 11, true);
             WireLog wire = new WireLog()) {
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            result = new BoardAcquisition(board.address(), plan, folder, wire, new RunListener() { }).run();
            sent = board.record();
        }
        byte[] bits = Files.readAllBytes(folder.file("bits.bin"));
        assertArrayEquals(sent.intactBits(), bits, "every intact frame's bits, once, in order; nothing else");
        assertTrue(result.bits() >= 400_000 && result.bits() < 400_000 + 8 * (512 - 18));

        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", manifest.status());
        assertEquals("SNB-EMU-0001", manifest.board().hello().serial());
        assertEquals(20316, manifest.board().configuration().appliedCodes().writeCode(), "0.62 V of 2 V, 16 bits");
        assertEquals(sent.corruptChunks(), manifest.stream().corruptFrames());
        assertEquals(sent.framesLost(), manifest.stream().missingFrames());
        assertEquals(sent.duplicated(), manifest.stream().duplicateFrames());
        assertEquals(sent.bitsSent() - sent.bitsIntact(), manifest.stream().missingBits());
        assertEquals(bits.length * 8L, manifest.bits());
        List<String> events = Files.readAllLines(folder.file(BoardAcquisition.EVENTS_FILE));
        assertEquals(1 + manifest.stream().eventsLogged(), events.size());
        assertEquals(manifest.stream().eventsLogged(), manifest.acquisition().sourceEvents());
        assertTrue(manifest.files().get("wire-transcript.log.gz").bytes() > 0);

        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            RunIngest.Result ingest = RunIngest.ingest(RunFolder.open(folder.dir()), pool, null, plan.alpha());
            assertEquals(bits.length * 8L, ingest.ingest().rawBitsIn());
            assertTrue(ingest.pool().bytesAvailable() > 0);
        }
    }
}

package org.spinnoise.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import org.spinnoise.sim.board.CorruptionSpec;
import org.spinnoise.sim.board.SentRecord;

/** The host client against the board emulator over a socat pty: clean streams and damaged ones. */
class BoardStreamTest {
    static final BoardOperatingPoint AT_V50 = new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 2_000, 1);

    /** Streams at least {@code bits} bits, stops, drains; returns every byte handed out. */
    static byte[] stream(BoardClient client, int payloadBytes, long bits) throws BoardException {
        BoardStream stream = client.start(payloadBytes, 32, bits);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
            got.write(chunk, 0, n);
            if (got.size() * 8L >= bits) {
                stream.requestStop();
            }
        }
        return got.toByteArray();
    }

    @Test
    void aCleanStreamDeliversExactlyTheBitsTheBoardSent() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 1, true);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            assertEquals("SNB-EMU-0001", client.hello().serial());
            client.configure(AT_V50, 1.5);
            byte[] got = stream(client, 4096, 2_000_000);
            SentRecord sent = board.record();
            assertArrayEquals(sent.intactBits(), got);
            assertTrue(got.length * 8L >= 2_000_000);
        }
    }

    @Test
    void theBitSourceHandsOutEveryIntactBitInBatchesUntilTheStreamEnds() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 6, true);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint applied = BoardOperatingPoint.ofSettings(client.configure(AT_V50, 1.5), client.hello());
            org.spinnoise.bits.BoardBitSource source = new org.spinnoise.bits.BoardBitSource(client, applied,
                    new org.spinnoise.bits.BoardBitSource.StreamPlan(256, 8, 20_000, 1.5), () -> false);
            assertEquals(0.62, source.write().amplitudeVolts(), 2.0 / 65535);
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            for (org.spinnoise.bits.BitBatch batch; (batch = source.nextBatch(4096)).bitCount() > 0; ) {
                assertEquals(got.size() * 8L, batch.firstIndex());
                assertTrue(batch.bitCount() <= 4096 && batch.reads().isEmpty(), batch.bitCount() + " bits");
                got.write(batch.packed(), 0, batch.packed().length);
            }
            assertTrue(got.size() * 8L >= 20_000, got.size() + " bytes");
            assertArrayEquals(board.record().intactBits(), got.toByteArray());
            assertEquals("stop", source.report().endedBy());
        }
    }

    @Test
    void theBoardRefusesToBeReconfiguredWhileStreaming() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 7);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(AT_V50, 1.5);
            BoardStream stream = client.start(256, 4, 0);
            byte[] chunk = new byte[64];
            stream.read(chunk, 0, chunk.length);
            BoardException e = org.junit.jupiter.api.Assertions.assertThrows(BoardException.class,
                    () -> client.configure(AT_V50, 1.5));
            assertTrue(e.getMessage().contains("BAD_STATE"), e.getMessage());
        }
    }

    @Test
    void damagedFramesAreReportedAndNoGoodBitIsLostOrRepeated() throws Exception {
        BoardBenchFile bench = BoardBenchFile.demo().withCorruption(CorruptionSpec.everyKind(0.03));
        try (BoardEmulator board = BoardEmulator.start(bench, 2, true);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(AT_V50, 1.5);
            BoardStream stream = client.start(256, 16, 0);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
                got.write(chunk, 0, n);
                if (got.size() >= 400_000) {
                    stream.requestStop();
                }
            }
            SentRecord sent = board.record();
            StreamReport report = stream.report();
            assertArrayEquals(sent.intactBits(), got.toByteArray());
            assertEquals(sent.corruptChunks(), report.corruptFrames(), report.toString());
            assertEquals(sent.framesLost(), report.missingFrames(), report.toString());
            assertEquals(sent.duplicated(), report.duplicateFrames(), report.toString());
            assertEquals(sent.bitsSent() - sent.bitsIntact(), report.missingBits(), report.toString());
            assertEquals(sent.bitsSent(), report.boardBitsStreamed());
            assertTrue(sent.truncated() > 0 && sent.flipped() > 0 && sent.dropped() > 0 && sent.duplicated() > 0
                    && sent.garbageBursts() > 0, "every kind of damage happened");
            System.out.println(report);
        }
    }
}

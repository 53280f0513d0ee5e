package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * The board source against the emulator on a socat pty: the write pulse moved mid-stream (as a drift tracker does,
 * pause() then setWrite() between batches) and per-junction sources taking turns on one client.
 */
class BoardSourceRestartTest {
    private static final BoardOperatingPoint AT_V50 =
            new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 0, 1);

    @Test
    void theWriteMovedMidStreamKeepsEveryBitOnceAndTheNewConfigurationIsInForce() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 11, true);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint applied = BoardOperatingPoint.ofSettings(client.configure(AT_V50, 1.5), client.hello());
            BoardBitSource source = new BoardBitSource(client, applied,
                    new BoardBitSource.StreamPlan(256, 16, 400_000, 1.5), () -> false);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long moveAt = -1;
            for (BitBatch batch; (batch = source.nextBatch(8192)).bitCount() > 0; ) {
                assertEquals(got.size() * 8L, batch.firstIndex(), "indices run on without gaps or repeats");
                got.write(batch.packed(), 0, batch.packed().length);
                if (moveAt < 0 && got.size() * 8L >= 100_000) {
                    source.pause();
                    source.setWrite(new PulseShape(0.85, 1e-8));
                    moveAt = source.settingStartIndex();
                }
            }
            byte[] bits = got.toByteArray();
            assertArrayEquals(board.record().intactBits(), bits, "every bit the board sent, once, in order");
            assertTrue(bits.length * 8L >= 400_000);
            assertEquals(2, source.streamsStarted());
            assertTrue(moveAt >= 100_000, "bits confirmed before STOP_ACK were kept: " + moveAt);
            int newCode = (int) Math.round(0.85 / 2.0 * 65535);
            assertEquals(newCode, client.applied().writeCode());
            assertEquals(0.85, source.write().amplitudeVolts(), 2.0 / 65535);
            double before = ones(bits, 0, moveAt) / moveAt;
            double after = ones(bits, moveAt, bits.length * 8L) / (bits.length * 8L - moveAt);
            assertEquals(0.5, before, 0.02, "at V50 before the move");
            assertTrue(after > 0.999, "far above V50 after the move (P->AP nearly always): " + after);
            assertEquals(bits.length * 8L, source.report().bitsReceived());
            assertEquals("stop", source.report().endedBy());

            source.setWriteOff();
            assertTrue(source.writeOff());
            assertEquals(0, client.applied().writeCode(), "write code 0: reset only");
            assertEquals(0.85, source.write().amplitudeVolts(), 2.0 / 65535, "the write setWrite last set");
        }
    }

    @Test
    void perJunctionSourcesTakeTurnsOnOneClientEachWithItsOwnConfiguration() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demoArray(), 12, true);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardBitSource.StreamPlan plan = new BoardBitSource.StreamPlan(64, 2, 0, 1.5);
            // Junction 0 written far below its V50 (always 0), junction 2 far above (always 1).
            BoardBitSource low = BoardBitSource.forJunction(client, 0, AT_V50.withWrite(0.30, 1e-8), plan, () -> false);
            BoardBitSource high = BoardBitSource.forJunction(client, 2, AT_V50.withWrite(1.10, 1e-8), plan,
                    () -> false);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            long[] taken = new long[2];
            for (int turn = 0; turn < 6; turn++) {
                BoardBitSource s = turn % 2 == 0 ? low : high;
                for (int k = 0; k < 3; k++) {
                    BitBatch batch = s.nextBatch(4096);
                    assertEquals(taken[turn % 2], batch.firstIndex(), "each source's index runs on");
                    taken[turn % 2] += batch.bitCount();
                    long ones = batch.ones();
                    assertEquals(turn % 2 == 0 ? 0 : batch.bitCount(), ones, "turn " + turn + ": the board held "
                            + "the configuration of the source that streamed");
                    all.write(batch.packed(), 0, batch.packed().length);
                }
                if (turn == 0) {
                    BoardException busy = assertThrows(BoardException.class, () -> high.nextBatch(64));
                    assertTrue(busy.getMessage().contains("pause()"), busy.getMessage());
                }
                s.pause();
            }
            // The bits kept at each pause come out first on the source's next turn, so the board's record (in the
            // order it sent) matches once each source's bits are put back in stream order: here, every bit of each
            // source arrived, and the totals agree.
            assertEquals(board.record().bitsIntact(), 8L * all.size() + carried(low) + carried(high));
            assertEquals(0x1, low.applied().junctionMask());
            assertEquals(0x4, high.applied().junctionMask());
            assertTrue(low.streamsStarted() == 3 && high.streamsStarted() == 3);
        }
    }

    /** Bits a source has kept but not handed out yet (received by the host, still owed to the caller). */
    private static long carried(BoardBitSource s) {
        return s.report().bitsReceived() - s.bitsHandedOut();
    }

    private static double ones(byte[] bits, long from, long to) {
        long n = 0;
        for (long i = from; i < to; i++) {
            n += (bits[(int) (i >>> 3)] >>> (7 - (i & 7))) & 1;
        }
        return n;
    }
}

package org.spinnoise.firmware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.PtyPair;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/** What a user sees when the board is the wrong one, silent, refuses, or its port disappears mid-stream. */
class BoardFailureTest {

    @Test
    void aBoardOfAnotherProtocolVersionIsRefusedInOneLine() {
        BoardBenchFile v2 = BoardBenchFile.demo().withBoard(BoardBenchFile.demo().board().withProtocolVersion(2));
        try (BoardEmulator board = BoardEmulator.start(v2, 3)) {
            BoardException e = assertThrows(BoardException.class,
                    () -> BoardClient.connect(board.address(), new WireLog()).close());
            assertTrue(e.getMessage().contains(board.address()) && e.getMessage().contains("protocol version 2")
                    && e.getMessage().contains("spinnoise speaks protocol version 1"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aSilentBoardIsReportedAfterOneRetry() {
        try (PtyPair pty = PtyPair.open()) {
            String address = "ASRL" + pty.endB() + "::INSTR?timeout_ms=150";
            BoardException e = assertThrows(BoardException.class,
                    () -> BoardClient.connect(address, new WireLog()).close());
            assertTrue(e.getMessage().contains("is silent") && e.getMessage().contains(pty.endB().toString()),
                    e.getMessage());
        }
    }

    @Test
    void aPortThatDoesNotExistIsNamed() {
        BoardException e = assertThrows(BoardException.class,
                () -> BoardClient.connect("ASRL/dev/spinnoise-no-such-port::INSTR", new WireLog()).close());
        assertTrue(e.getMessage().contains("/dev/spinnoise-no-such-port"), e.getMessage());
    }

    @Test
    void aPulseBeyondTheSafetyLimitIsNeverSent() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 4);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint hot = new BoardOperatingPoint(0.62, 1e-8, -1.6, 1e-8, 1e-7, 31_000, 100, 1);
            BoardException e = assertThrows(BoardException.class, () -> client.configure(hot, 1.5));
            assertTrue(e.getMessage().contains("safety limit"), e.getMessage());
            BoardOperatingPoint tooWide = new BoardOperatingPoint(0.62, 2.0, -1.0, 1e-8, 1e-7, 31_000, 100, 1);
            assertThrows(BoardException.class, () -> client.configure(tooWide, 1.5));
            BoardOperatingPoint noJunction = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 100, 2);
            assertTrue(assertThrows(BoardException.class, () -> client.configure(noJunction, 1.5)).getMessage()
                    .contains("junction"));
            client.configure(BoardStreamTest.AT_V50, 1.5);
        }
    }

    @Test
    void whenThePortVanishesTheBitsAlreadyReceivedAreKeptAndTheErrorNamesThePort() throws Exception {
        BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 5, true);
        try (BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(BoardStreamTest.AT_V50, 1.5);
            BoardStream stream = client.start(1024, 8, 0);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (got.size() < 100_000) {
                got.write(chunk, 0, stream.read(chunk, 0, chunk.length));
            }
            board.vanish();
            BoardException e = assertThrows(BoardException.class, () -> {
                for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
                    got.write(chunk, 0, n);
                }
            });
            assertTrue(e.getMessage().contains(board.address()) && e.getMessage().contains("vanished")
                    && e.getMessage().contains("kept"), e.getMessage());
            byte[] sent = board.record().intactBits();
            byte[] received = got.toByteArray();
            assertTrue(received.length >= 100_000 && received.length <= sent.length);
            assertArrayEquals(Arrays.copyOf(sent, received.length), received, "what arrived is what was sent");
            assertTrue(stream.report().endedBy().startsWith("error"));
        } finally {
            board.close();
        }
    }
}

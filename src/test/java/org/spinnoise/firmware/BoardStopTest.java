package org.spinnoise.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.firmware.ScriptedBoard.Received;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.link.WireLog;

/**
 * Every way a stream ends sends STOP and waits for STOP_ACK (issue 18 defect 13, PROTOCOL.md §4.8 and §7): a stalled
 * stream, a board's ERROR 8, an interrupted reader, a START whose answer was lost, a consumer that fails and closes
 * the client. A real board that is not told STOP pulses the junctions on until its own watchdog.
 */
class BoardStopTest {
    private static final int PAYLOAD_BYTES = 256;
    private static final int FULL_FRAME_BITS = 8 * (PAYLOAD_BYTES - 18);

    @Test
    void aStalledStreamIsStoppedAndTheStopConfirmed() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            HostReader reader = HostReader.of(client.start(PAYLOAD_BYTES, 8, 0));
            board.stream(2, FULL_FRAME_BITS);
            Exception e = assertInstanceOf(BoardException.class, reader.join(5000));
            assertTrue(e.getMessage().contains("stalled") && e.getMessage().contains("confirmed"), e.getMessage());
            assertEquals(1, board.received(MessageType.STOP).size(), board.received().toString());
            assertFalse(board.streaming());
            assertEquals(2 * FULL_FRAME_BITS / 8, reader.bytes(), "the bits received before are kept");
        }
    }

    @Test
    void aStopTheBoardNeverConfirmsIsSentTwiceAndReported() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            board.answerStop(false);
            HostReader reader = HostReader.of(client.start(PAYLOAD_BYTES, 8, 0));
            Exception e = assertInstanceOf(BoardException.class, reader.join(5000));
            assertTrue(e.getMessage().contains("stalled") && e.getMessage().contains("did not confirm STOP"),
                    e.getMessage());
            assertEquals(2, board.received(MessageType.STOP).size(), board.received().toString());
        }
    }

    @Test
    void errorThreeToStopFromABoardWithoutSessionConfirmsItIsQuiet() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            board.stopDrawsBadState(true);
            HostReader reader = HostReader.of(client.start(PAYLOAD_BYTES, 8, 0));
            Exception e = assertInstanceOf(BoardException.class, reader.join(5000));
            assertTrue(e.getMessage().contains("stalled") && e.getMessage().contains("confirmed"), e.getMessage());
            assertEquals(1, board.received(MessageType.STOP).size(), board.received().toString());
        }
    }

    @Test
    void errorEightIsFollowedByStop() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            HostReader reader = HostReader.of(client.start(PAYLOAD_BYTES, 8, 0));
            board.stream(3, FULL_FRAME_BITS);
            board.unsolicitedError(ErrorCode.HOST_SILENT);
            // Well before the host's 2 s stall timer: ERROR 8 itself ends the stream, with STOP to make sure.
            assertTrue(board.await(r -> r.type() == MessageType.STOP, 1000), board.received().toString());
            Exception e = assertInstanceOf(BoardException.class, reader.join(3000));
            assertTrue(e.getMessage().contains("HOST_SILENT"), e.getMessage());
            assertEquals(3 * FULL_FRAME_BITS / 8, reader.bytes());
        }
    }

    @Test
    void anInterruptedReaderStopsTheBoardAndKeepsItsInterrupt() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            HostReader reader = HostReader.of(client.start(PAYLOAD_BYTES, 8, 0));
            board.stream(2, FULL_FRAME_BITS);
            Thread.sleep(300);
            reader.interrupt();
            Exception e = assertInstanceOf(BoardException.class, reader.join(1500));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(reader.interruptFlagKept(), "the interrupt is kept for the caller");
            assertEquals(1, board.received(MessageType.STOP).size(), board.received().toString());
            assertFalse(board.streaming());
        }
    }

    @Test
    void aStartWhoseAnswerWasLostIsFollowedByStop() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            board.dropStartAcks(1);
            // The first START started the stream but its START_ACK never came; the second draws ERROR 3.
            BoardException e = assertThrows(BoardException.class, () -> client.start(PAYLOAD_BYTES, 8, 0));
            List<MessageType> sent = board.received().stream().map(Received::type).toList();
            assertEquals(MessageType.STOP, sent.get(sent.size() - 1), sent.toString());
            assertFalse(board.streaming(), "the board was told to stop");
            assertTrue(e.getMessage().contains("START"), e.getMessage());
        }
    }

    @Test
    void aConsumerThatFailsAndClosesTheClientStopsTheBoard() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open()) {
            assertThrows(IllegalStateException.class, () -> {
                try (BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
                    client.configure(ScriptedBoard.POINT, 1.5);
                    BoardStream stream = client.start(PAYLOAD_BYTES, 8, 0);
                    board.stream(1, FULL_FRAME_BITS);
                    stream.read(new byte[16], 0, 16);
                    throw new IllegalStateException("the consumer failed");
                }
            });
            assertEquals(1, board.received(MessageType.STOP).size(), board.received().toString());
            assertFalse(board.streaming());
        }
    }

    @Test
    void closingAfterAStallDoesNotLeaveTheBoardUntold() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open()) {
            try (BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
                client.configure(ScriptedBoard.POINT, 1.5);
                board.answerStop(false);
                BoardStream stream = client.start(PAYLOAD_BYTES, 8, 0);
                assertThrows(BoardException.class, () -> stream.read(new byte[16], 0, 16));
                board.answerStop(true);
            }
            // The stall's STOP went unconfirmed (twice); closing the client says STOP once more, and it is confirmed.
            assertEquals(3, board.received(MessageType.STOP).size(), board.received().toString());
            assertFalse(board.streaming());
        }
    }
}

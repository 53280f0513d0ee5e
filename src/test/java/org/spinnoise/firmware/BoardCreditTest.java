package org.spinnoise.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.firmware.ScriptedBoard.Received;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.link.WireLog;

/**
 * The host's CREDIT against a scripted board that records every limit (issue 18 defect 13, PROTOCOL.md §6): a resend
 * repeats the current limit, ERROR 4 draws the current limit at once and is not counted as a STREAM frame, and with
 * short frames and a bit budget the host never has more frames outstanding than the budget's bits need.
 */
class BoardCreditTest {
    private static final int PAYLOAD_BYTES = 256;
    private static final int FULL_FRAME_BITS = 8 * (PAYLOAD_BYTES - 18);

    @Test
    void aResentCreditRepeatsTheCurrentLimit() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            BoardStream stream = client.start(PAYLOAD_BYTES, 8, 0);
            HostReader reader = HostReader.of(stream);
            assertEquals(3, board.stream(3, FULL_FRAME_BITS));
            // The board is quiet now with 5 frames granted: the host resends its limit every 250 ms, unchanged.
            assertTrue(board.await(r -> r.type() == MessageType.CREDIT, 1500), "the host resends its credit");
            Thread.sleep(600);
            List<Received> credits = board.received(MessageType.CREDIT);
            assertTrue(credits.size() >= 2, credits.toString());
            for (Received credit : credits) {
                assertEquals(8, credit.creditLimit(), "a resend carries the current limit: " + credits);
            }
            stream.requestStop();
            assertNull(reader.join(3000));
        }
    }

    @Test
    void errorFourDrawsTheCurrentLimitAndIsNotCountedAsAFrame() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            int window = 8;
            BoardStream stream = client.start(PAYLOAD_BYTES, window, 0);
            HostReader reader = HostReader.of(stream);
            board.stream(8, FULL_FRAME_BITS);
            assertTrue(board.await(r -> r.type() == MessageType.CREDIT, 1000), "credit after the first window");
            long limit = lastLimit(board);
            int creditsBefore = board.received(MessageType.CREDIT).size();
            board.unsolicitedError(ErrorCode.CORRUPT_FRAME);
            // §5.5: told of a corrupt frame, the host resends its current CREDIT at once (well before 250 ms).
            assertTrue(board.await(r -> r.type() == MessageType.CREDIT
                    && board.received(MessageType.CREDIT).indexOf(r) >= creditsBefore, 200), "CREDIT after ERROR 4");
            assertEquals(limit, lastLimit(board), "after ERROR 4 the current limit, not a higher one");
            // Stream all the credit, in steps, while the host tops it up: never more than the window outstanding.
            for (int round = 0; round < 6; round++) {
                board.stream(3, FULL_FRAME_BITS);
                Thread.sleep(60);
            }
            for (Received credit : board.received(MessageType.CREDIT)) {
                assertTrue(credit.creditLimit() - credit.streamFramesSentBefore() <= window,
                        "a CREDIT of " + credit.creditLimit() + " after " + credit.streamFramesSentBefore()
                                + " frames grants more than the window of " + window);
            }
            stream.requestStop();
            assertNull(reader.join(3000));
        }
    }

    @Test
    void shortFramesUnderABitBudgetNeverGetMoreCreditThanTheBudgetNeeds() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            long budgetBits = 3L * FULL_FRAME_BITS;
            int window = 16;
            BoardStream stream = client.start(PAYLOAD_BYTES, window, budgetBits);
            HostReader reader = HostReader.stoppingAfter(stream, budgetBits);
            // A slow board: short frames (the 500 ms rule) with pauses long enough for the host's credit timer.
            int shortBits = FULL_FRAME_BITS / 4;
            for (int i = 0; i < 12 && board.streaming(); i++) {
                board.stream(1, shortBits);
                Thread.sleep(300);
            }
            for (Received credit : board.received(MessageType.CREDIT)) {
                long needed = Math.max(0, budgetBits - credit.streamFramesSentBefore() * shortBits);
                long framesNeeded = Math.max(1, (needed + FULL_FRAME_BITS - 1) / FULL_FRAME_BITS);
                assertTrue(credit.creditLimit() - credit.streamFramesSentBefore() <= framesNeeded,
                        "with " + needed + " bits still needed, a CREDIT of " + credit.creditLimit() + " after "
                                + credit.streamFramesSentBefore() + " short frames grants more frames than the "
                                + framesNeeded + " full ones the budget needs: " + board.received(MessageType.CREDIT));
            }
            assertFalse(reader.join(3000) != null, "the stream ends cleanly");
            assertTrue(reader.bytes() * 8L >= budgetBits);
        }
    }

    @Test
    void framesLostAtTheEndOfTheWindowAreFoundWithoutRaisingTheLimitBlindly() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            int window = 4;
            BoardStream stream = client.start(PAYLOAD_BYTES, window, 0);
            HostReader reader = HostReader.of(stream);
            board.stream(3, FULL_FRAME_BITS);
            assertTrue(board.await(r -> r.type() == MessageType.CREDIT && r.creditLimit() == 7, 1000),
                    "three frames draw credit: " + board.received());
            // The window's last frames are lost: the board waits for credit, the host for frames. STATUS's reply
            // shows the gap, and the host grants again from where the board really is.
            assertEquals(4, board.lose(4, FULL_FRAME_BITS));
            assertTrue(board.await(r -> r.type() == MessageType.CREDIT && r.creditLimit() > 7, 1500),
                    "the host recovers from frames lost at the end of the window: " + board.received());
            assertTrue(board.received(MessageType.CREDIT).stream().noneMatch(r -> r.creditLimit() > 7
                    && r.streamFramesSentBefore() == 7 && board.received().indexOf(r) < firstStatusReplyAnswered(board)),
                    "no higher limit before the gap is known");
            for (Received credit : board.received(MessageType.CREDIT)) {
                assertTrue(credit.creditLimit() - credit.streamFramesSentBefore() <= window, board.received().toString());
            }
            assertEquals(2, board.stream(2, FULL_FRAME_BITS), board.received().toString());
            stream.requestStop();
            assertNull(reader.join(3000));
            assertEquals(4, stream.report().missingFrames());
            assertEquals(4L * FULL_FRAME_BITS, stream.report().missingBits());
        }
    }

    @Test
    void aHostWhoseWindowStaysFullStillSpeaksWithinTheBoardsFiveSeconds() throws Exception {
        try (ScriptedBoard board = ScriptedBoard.open();
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(ScriptedBoard.POINT, 1.5);
            BoardStream stream = client.start(PAYLOAD_BYTES, 64, 0);
            HostReader reader = HostReader.of(stream);
            long t0 = System.nanoTime();
            // A slow board: a short frame every 150 ms keeps the 64-frame window more than half full for 4.8 s,
            // and never leaves the line quiet for the 250 ms that draws a resend.
            for (int i = 0; i < 24; i++) {
                board.stream(1, 64);
                Thread.sleep(150);
            }
            long last = board.received(MessageType.START).get(0).nanos();
            for (Received r : board.received()) {
                if (r.nanos() > last) {
                    assertTrue(r.nanos() - last <= 2_000_000_000L, "the host was silent for "
                            + (r.nanos() - last) / 1_000_000 + " ms while streaming: " + board.received());
                    last = r.nanos();
                }
            }
            assertTrue(System.nanoTime() - last <= 2_000_000_000L, "the host has been silent since "
                    + (last - t0) / 1_000_000 + " ms into the stream: " + board.received());
            stream.requestStop();
            assertNull(reader.join(3000));
        }
    }

    /** Index of the first STATUS the host sent (the board's answer to it shows the gap). */
    private static int firstStatusReplyAnswered(ScriptedBoard board) {
        List<Received> all = board.received();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() == MessageType.STATUS) {
                return i;
            }
        }
        return all.size();
    }

    private static long lastLimit(ScriptedBoard board) {
        List<Received> credits = board.received(MessageType.CREDIT);
        return credits.get(credits.size() - 1).creditLimit();
    }
}

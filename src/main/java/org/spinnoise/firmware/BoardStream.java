package org.spinnoise.firmware;

import java.time.Duration;
import java.util.List;
import org.spinnoise.firmware.wire.Credit;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Start;
import org.spinnoise.firmware.wire.StatusReply;
import org.spinnoise.firmware.wire.StatusRequest;
import org.spinnoise.firmware.wire.StreamView;

/**
 * One stream of bits from the board, from {@code START} to {@code STOP_ACK}, read as packed bytes (eight bits each,
 * most significant first) by {@link #read}. It grants credit as frames arrive so no more than the window is ever in
 * flight, re-sends the credit limit when the line goes quiet (a lost frame must not stall it), and checks every frame:
 * corrupt frames, sequence gaps, repeats and first-bit gaps are counted in the {@link StreamReport}, logged to the
 * wire log and kept as {@link StreamEvent}s; a frame's bits are used only when the frame is valid and new, so no bit is
 * used twice and none from a damaged frame. When the port fails, the bits already received are still handed out
 * before the error is thrown. However the stream ends (STOP asked for, a stall, the board's ERROR 8, an interrupt, an
 * exception), the board is told STOP and the host waits for STOP_ACK, sending STOP once more if it does not come: a
 * board left streaming pulses the junctions until its own watchdog. One thread at a time.
 */
public final class BoardStream {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CREDIT_RESEND_NANOS = 250_000_000L;
    /** PROTOCOL.md §7: a board stops after 5 s without a host frame; the host says something at least every second. */
    private static final long KEEPALIVE_NANOS = 1_000_000_000L;
    private static final long STALL_NANOS = 2_000_000_000L;
    private static final long SUMMARY_NANOS = 1_000_000_000L;

    private final BoardClient client;
    private final BoardChannel channel;
    private final int payloadBytes;
    private final CreditWindow credit;
    private final StreamTally tally;
    private final StopHandshake stop;
    private final long wireBytesAtStart;
    private final long t0;
    private final BitQueue bits = new BitQueue();

    private boolean started;
    private long nextBit;
    private long boardBitsStreamed = -1;
    private long lastByteNanos;
    private long lastStreamFrameNanos;
    private long lastSentNanos;
    private long lastCreditResendNanos;
    private long lastSummaryNanos;
    private long endNanos;
    private long wireBytesAtEnd = -1;
    private boolean stopSent;
    private int stopResends;
    private boolean stopSettled;
    private boolean interrupted;
    private boolean ended;
    private String endedBy = "running";
    private BoardException failure;

    BoardStream(BoardClient client, BoardChannel channel, int payloadBytes, int windowFrames, long targetBits) {
        this.credit = new CreditWindow(windowFrames, targetBits,
                8L * (payloadBytes - org.spinnoise.firmware.wire.WireLimits.STREAM_FIELD_BYTES));
        this.client = client;
        this.channel = channel;
        this.payloadBytes = payloadBytes;
        this.wireBytesAtStart = channel.bytesRead();
        this.t0 = System.nanoTime();
        this.tally = new StreamTally(channel, t0);
        this.stop = new StopHandshake(channel);
        this.lastByteNanos = t0;
        this.lastStreamFrameNanos = t0;
        this.lastSentNanos = t0;
        this.lastSummaryNanos = t0;
    }

    Start startMessage() {
        return new Start(payloadBytes, credit.initialLimit());
    }

    private long bitsReceived() {
        return bits.handedOutBits() + bits.queuedBits();
    }

    /**
     * Hands out up to {@code length} bytes of bits, waiting for frames as needed.
     *
     * @return bytes written (at least 1), or −1 once the stream has stopped and every received bit was handed out
     * @throws BoardException when the port failed or the board stalled, after every bit received before was handed out
     */
    public int read(byte[] into, int offset, int length) throws BoardException {
        while (true) {
            if (failure != null && !stopSettled) {
                settleStop();
            }
            int n = bits.take(into, offset, length);
            if (n > 0) {
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1;
            }
            if (stop.confirmed()) {
                finish();
                continue;
            }
            if (Thread.interrupted()) {
                interrupted = true;
                fail(new BoardException("board at " + channel.address() + ": reading the stream was interrupted; the "
                        + nextBit + " bits received before are kept"));
                continue;
            }
            try {
                pumpOnce();
            } catch (RuntimeException e) {
                fail(new BoardException("board at " + channel.address() + ": the stream failed (" + e + "); the "
                        + nextBit + " bits received before are kept", e));
                settleStop();
                throw e;
            }
        }
    }

    /** Asks the board to stop; {@link #read} goes on handing out the bits in flight, then returns −1. */
    public void requestStop() throws BoardException {
        if (!stopSent && !ended && failure == null) {
            stopSent = true;
            lastByteNanos = System.nanoTime();
            sendStop();
            channel.wire().event(channel.label(), "> STOP after " + nextBit + " bits");
        }
    }

    /** True once the board has answered STOP (or never needed one: the stream never started). */
    boolean stopConfirmed() {
        return stop.confirmed();
    }

    private void send(org.spinnoise.firmware.wire.Message message) throws BoardException {
        channel.send(message);
        lastSentNanos = System.nanoTime();
    }

    private void sendStop() throws BoardException {
        stop.send();
        lastSentNanos = System.nanoTime();
    }

    /** True when {@code seq} is that of a STOP this stream sent (its last few). */
    boolean isStopSeq(int seq) {
        return stop.isStopSeq(seq);
    }

    /** The counts so far; final once {@link #read} has returned −1 or thrown. */
    public StreamReport report() {
        long end = ended || failure != null ? endNanos : System.nanoTime();
        long wireEnd = wireBytesAtEnd >= 0 ? wireBytesAtEnd : channel.bytesRead();
        return tally.report(payloadBytes, bitsReceived(), bits.queuedBits() % 8, wireEnd - wireBytesAtStart,
                boardBitsStreamed, (end - t0) / 1e9, endedBy);
    }

    /** The first {@value StreamTally#EVENTS_KEPT} events of this stream (all of them are counted and logged). */
    public List<StreamEvent> events() {
        return tally.events();
    }

    /** True once the stream has stopped or failed. */
    public boolean ended() {
        return ended || failure != null;
    }

    /** Nanoseconds since this stream started, the clock every {@link StreamEvent} is stamped with. */
    public long elapsedNanos() {
        return System.nanoTime() - t0;
    }

    private void pumpOnce() {
        int n;
        try {
            n = channel.pump(POLL);
        } catch (BoardException e) {
            fail(new BoardException(e.getMessage() + " while streaming; the " + nextBit
                    + " bits received before are kept", e));
            return;
        }
        long now = System.nanoTime();
        if (n > 0) {
            lastByteNanos = now;
        }
        try {
            if (failure == null) {
                timers(now);
            }
            if (failure == null) {
                topUpCredit();
            }
        } catch (BoardException e) {
            fail(e);
        }
        if (now - lastSummaryNanos >= SUMMARY_NANOS) {
            lastSummaryNanos = now;
            channel.wire().event(channel.label(), summary());
        }
    }

    /** The stall, credit-resend and keepalive timers of PROTOCOL.md §6–7, and the STOP_ACK timeout. */
    private void timers(long now) throws BoardException {
        if (stopSent) {
            stopTimer(now);
            return;
        }
        long sinceFrame = now - lastStreamFrameNanos;
        if (sinceFrame >= STALL_NANOS) {
            fail(new BoardException("board at " + channel.address() + " stalled: no STREAM frame for "
                    + STALL_NANOS / 1_000_000 + " ms with credit granted; the " + nextBit
                    + " bits received before are kept"));
        } else if (sinceFrame >= CREDIT_RESEND_NANOS && now - lastCreditResendNanos >= CREDIT_RESEND_NANOS
                && credit.outstanding() > 0) {
            // Granted frames do not come: the CREDIT may be lost (resend the same limit), or the last frames of the
            // window were (STATUS_REPLY's seq then shows the gap, §3, and those frames count as lost).
            lastCreditResendNanos = now;
            resendCredit();
            send(new StatusRequest());
        } else if (now - lastSentNanos >= KEEPALIVE_NANOS) {
            resendCredit(); // the board stops a stream after 5 s without a host frame (§7)
        }
    }

    private void resendCredit() throws BoardException {
        tally.creditResends++;
        send(new Credit(credit.limit() & 0xFFFF_FFFFL));
    }

    private void stopTimer(long now) throws BoardException {
        long timeout = channel.replyTimeout().toNanos();
        if (now - lastByteNanos < timeout) {
            return;
        }
        if (stopResends == 0) {
            stopResends++;
            lastByteNanos = now;
            channel.wire().event(channel.label(), "no STOP_ACK within " + timeout / 1_000_000 + " ms; STOP again");
            sendStop();
        } else {
            fail(new BoardException("board at " + channel.address() + " is silent: no STOP_ACK within "
                    + timeout / 1_000_000 + " ms, twice; the " + nextBit + " bits received are kept"));
        }
    }

    private void topUpCredit() throws BoardException {
        if (stopSent || !started) {
            return;
        }
        long limit = credit.grant(bitsReceived());
        if (limit >= 0) {
            tally.creditMessages++;
            send(new Credit(limit & 0xFFFF_FFFFL));
        }
    }

    private void finish() {
        endNanos = System.nanoTime();
        wireBytesAtEnd = channel.bytesRead();
        try {
            StatusReply status = (StatusReply) client.request(new StatusRequest(), MessageType.STATUS_REPLY);
            boardBitsStreamed = status.bitsStreamed();
            if (boardBitsStreamed > nextBit) {
                long lost = boardBitsStreamed - nextBit;
                tally.missingBits += lost;
                tally.event(StreamEvent.Kind.MISSING_BITS, -1, -1, nextBit, lost, "the last " + lost
                        + " bits the board streamed (it says " + boardBitsStreamed + ") never arrived");
            }
        } catch (BoardException e) {
            channel.wire().event(channel.label(), "STATUS after STOP failed: " + e.getMessage());
        }
        ended = true;
        stopSettled = true;
        endedBy = "stop";
        channel.wire().event(channel.label(), "stream ended: " + summary());
    }

    /** Records the first failure; {@link #read} then stops the board before it hands out anything more. */
    void fail(BoardException e) {
        if (failure == null) {
            failure = e;
            endNanos = System.nanoTime();
            wireBytesAtEnd = channel.bytesRead();
            endedBy = "error: " + e.getMessage();
            channel.wire().event(channel.label(), "stream failed: " + e.getMessage() + "; " + summary());
        }
    }

    /**
     * After a failure: STOP, and wait for STOP_ACK (STOP once more after a silence, §7), handing any frames still in
     * flight to the stream; the failure's message then says whether the board confirmed. The interrupt that caused
     * the failure, if one did, is set again for the caller.
     */
    private void settleStop() {
        stopSettled = true;
        String outcome;
        if (!started && !stopSent) {
            outcome = "";
        } else if (stopResends > 0 && !stop.confirmed()) {
            outcome = "; make sure the board has stopped pulsing"; // STOP went out twice unanswered already
        } else {
            outcome = "; " + stopAndConfirm();
        }
        failure = new BoardException(failure.getMessage() + outcome, failure.getCause());
        endedBy = "error: " + failure.getMessage();
        channel.wire().event(channel.label(), "stream stopped after failure: " + outcome.substring(
                Math.min(2, outcome.length())));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String stopAndConfirm() {
        stopSent = true;
        return stop.stopAndConfirm();
    }

    /** After a START that failed: STOP until STOP_ACK (the board may be streaming); says how it went. */
    String stopAfterFailedStart() {
        stopSettled = true;
        return stopAndConfirm();
    }

    /** Stops and drains without throwing, for a client closing in a hurry; a failed stream is told STOP again. */
    void stopQuietly() {
        if (ended || stop.confirmed()) {
            return;
        }
        if (failure != null) {
            if (started || stopSent) {
                channel.wire().event(channel.label(), "stop on close: " + stopAndConfirm());
            }
            return;
        }
        try {
            requestStop();
            byte[] sink = new byte[1 << 16];
            while (read(sink, 0, sink.length) >= 0) {
                // the bits of a stream nobody reads any more are dropped, and counted in its report
            }
        } catch (BoardException e) {
            channel.wire().event(channel.label(), "stop on close: " + e.getMessage());
        }
    }

    /** START_ACK arrived: frames are counted for credit from here. */
    void started() {
        started = true;
    }

    void stopAcknowledged() {
        stop.confirm();
    }

    void frame(StreamView frame, int seq) {
        started = true; // START_ACK may have been lost while the board streams
        credit.frameReceived();
        lastStreamFrameNanos = System.nanoTime();
        long first = frame.firstBit();
        int n = frame.bitCount();
        if (n > credit.bitsPerFullFrame()) {
            corrupt("STREAM seq " + seq + " holds " + n + " bits, more than the " + credit.bitsPerFullFrame()
                    + " a frame of the " + payloadBytes + "-byte payload START asked for", frame.bitsLength());
            return;
        }
        if (first < nextBit) {
            tally.duplicateFrames++;
            tally.event(StreamEvent.Kind.DUPLICATE_FRAME, seq, -1, first, n, "STREAM seq " + seq + " starts at bit "
                    + first + ", already received up to " + nextBit + "; dropped");
            return;
        }
        if (first > nextBit) {
            tally.missingBits += first - nextBit;
            tally.event(StreamEvent.Kind.MISSING_BITS, seq, -1, nextBit, first - nextBit, "bits " + nextBit + ".."
                    + (first - 1) + " never arrived");
        }
        bits.add(frame.array(), frame.bitsOffset(), n);
        nextBit = first + n;
        tally.framesReceived++;
        tally.pulsesFired += frame.pulsesFired();
        tally.ambiguousReads += frame.ambiguousReads();
        tally.payloadBytesUsed += frame.bitsLength();
    }

    void corrupt(String why, int wireBytes) {
        tally.corruptFrames++;
        tally.event(StreamEvent.Kind.CORRUPT_FRAME, -1, -1, -1, 0, why + " (" + wireBytes + " bytes on the wire)");
    }

    void rejected(String why, int wireBytes, int seq) {
        corrupt("seq " + seq + ": " + why, wireBytes);
        if (started) {
            credit.framesLost(1); // it may have been a STREAM frame the board counted against its limit
        }
    }

    void missing(int expectedSeq, int seq, int frames) {
        tally.missingFrames += frames;
        if (started) {
            credit.framesLost(frames);
        }
        tally.event(StreamEvent.Kind.MISSING_FRAMES, seq, expectedSeq, -1, 0, frames + " frame(s) missing: seq " + seq
                + " arrived, " + expectedSeq + " expected");
    }

    void duplicate(int seq, MessageType type) {
        tally.duplicateFrames++;
        tally.event(StreamEvent.Kind.DUPLICATE_FRAME, seq, -1, -1, 0, "repeated " + (type == null ? "frame" : type)
                + " seq " + seq + " dropped");
    }

    /**
     * An ERROR that answers no request: ERROR 8 means the board stopped the stream (the stream fails, and STOP
     * confirms the board is quiet); ERROR 4 means a host frame was lost, so the current limit (or STOP, if that is
     * what waits for an answer) goes out again at once (§5.5).
     */
    void boardError(ErrorReply error, int seq) {
        tally.event(StreamEvent.Kind.BOARD_ERROR, seq, -1, -1, 0, error.code() + ": " + error.message());
        if (failure != null || ended) {
            return;
        }
        try {
            if (error.code() == ErrorCode.HOST_SILENT) {
                fail(new BoardException("board at " + channel.address() + " stopped the stream on its own: "
                        + error.code() + " (" + error.message() + "); the " + nextBit + " bits received before are "
                        + "kept"));
            } else if (error.code() == ErrorCode.CORRUPT_FRAME) {
                if (stopSent && !stop.confirmed()) {
                    sendStop();
                } else if (started) {
                    resendCredit();
                }
            }
        } catch (BoardException e) {
            fail(e);
        }
    }

    private String summary() {
        return tally.summary(nextBit, credit.limit());
    }
}

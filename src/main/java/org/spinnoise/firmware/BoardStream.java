package org.spinnoise.firmware;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.spinnoise.firmware.wire.Credit;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Start;
import org.spinnoise.firmware.wire.StatusReply;
import org.spinnoise.firmware.wire.StatusRequest;
import org.spinnoise.firmware.wire.Stop;
import org.spinnoise.firmware.wire.StreamView;

/**
 * One stream of bits from the board, from {@code START} to {@code STOP_ACK}, read as packed bytes (eight bits each,
 * most significant first) by {@link #read}. It grants credit as frames arrive so no more than the window is ever in
 * flight, re-sends the credit limit when the line goes quiet (a lost frame must not stall it), and checks every frame:
 * corrupt frames, sequence gaps, repeats and first-bit gaps are counted in the {@link StreamReport}, logged to the
 * wire log and kept as {@link StreamEvent}s; a frame's bits are used only when the frame is valid and new, so no bit is
 * used twice and none from a damaged frame. When the port fails, the bits already received are still handed out
 * before the error is thrown. One thread at a time.
 */
public final class BoardStream {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long CREDIT_RESEND_NANOS = 250_000_000L;
    private static final long STALL_NANOS = 2_000_000_000L;
    private static final long SUMMARY_NANOS = 1_000_000_000L;
    private static final int EVENTS_KEPT = 10_000;

    private final BoardClient client;
    private final BoardChannel channel;
    private final int payloadBytes;
    private final int windowFrames;
    private final long targetBits;
    private final List<StreamEvent> events = new ArrayList<>();
    private final long wireBytesAtStart;
    private final long t0;
    private final BitQueue bits = new BitQueue();

    private long startCount = -1;
    private long creditLimit;
    private long framesSeen;
    private long nextBit;
    private long framesReceived;
    private long corruptFrames;
    private long missingFrames;
    private long duplicateFrames;
    private long missingBits;
    private long pulsesFired;
    private long ambiguousReads;
    private long payloadBytesUsed;
    private long creditMessages;
    private long creditResends;
    private long boardBitsStreamed = -1;
    private long eventsLogged;
    private long lastByteNanos;
    private long lastCreditResendNanos;
    private long lastSummaryNanos;
    private long endNanos;
    private long wireBytesAtEnd = -1;
    private boolean stopSent;
    private int stopResends;
    private boolean stopAcked;
    private boolean ended;
    private String endedBy = "running";
    private BoardException failure;

    BoardStream(BoardClient client, BoardChannel channel, int payloadBytes, int windowFrames, long targetBits) {
        if (windowFrames < 2 || windowFrames > 65_535) {
            throw new IllegalArgumentException("credit window must be 2..65535 frames, got " + windowFrames);
        }
        this.client = client;
        this.channel = channel;
        this.payloadBytes = payloadBytes;
        this.windowFrames = windowFrames;
        this.targetBits = targetBits;
        this.wireBytesAtStart = channel.bytesRead();
        this.t0 = System.nanoTime();
        this.lastByteNanos = t0;
        this.lastSummaryNanos = t0;
    }

    Start startMessage() {
        creditLimit = Math.min(windowFrames, Math.max(1, framesNeeded()));
        return new Start(payloadBytes, creditLimit);
    }

    /** Frames still needed to reach the target (a window's worth when there is none). */
    private long framesNeeded() {
        if (targetBits <= 0) {
            return windowFrames;
        }
        long bitsPerFrame = 8L * (payloadBytes - org.spinnoise.firmware.wire.WireLimits.STREAM_FIELD_BYTES);
        long stillNeeded = Math.max(0, targetBits - bits.handedOutBits() - bits.queuedBits());
        return (stillNeeded + bitsPerFrame - 1) / bitsPerFrame;
    }

    /**
     * Hands out up to {@code length} bytes of bits, waiting for frames as needed.
     *
     * @return bytes written (at least 1), or −1 once the stream has stopped and every received bit was handed out
     * @throws BoardException when the port failed or the board stalled, after every bit received before was handed out
     */
    public int read(byte[] into, int offset, int length) throws BoardException {
        while (true) {
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
            if (stopAcked) {
                finish();
                continue;
            }
            pumpOnce();
        }
    }

    /** Asks the board to stop; {@link #read} goes on handing out the bits in flight, then returns −1. */
    public void requestStop() throws BoardException {
        if (!stopSent && !ended) {
            stopSent = true;
            lastByteNanos = System.nanoTime();
            channel.send(new Stop());
            channel.wire().event(channel.label(), "> STOP after " + nextBit + " bits");
        }
    }

    /** The counts so far; final once {@link #read} has returned −1 or thrown. */
    public StreamReport report() {
        long end = ended || failure != null ? endNanos : System.nanoTime();
        long wireEnd = wireBytesAtEnd >= 0 ? wireBytesAtEnd : channel.bytesRead();
        return new StreamReport(payloadBytes, bits.handedOutBits() + bits.queuedBits(), framesReceived, corruptFrames,
                missingFrames, duplicateFrames, missingBits, bits.queuedBits() % 8 == 0 ? 0 : bits.queuedBits() % 8,
                pulsesFired, ambiguousReads, wireEnd - wireBytesAtStart, payloadBytesUsed, creditMessages,
                creditResends, boardBitsStreamed, eventsLogged, (end - t0) / 1e9, endedBy);
    }

    /** The first {@value #EVENTS_KEPT} events of this stream (all of them are counted and logged). */
    public List<StreamEvent> events() {
        return Collections.unmodifiableList(events);
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
        try {
            if (n > 0) {
                lastByteNanos = now;
            } else {
                quiet(now);
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

    private void quiet(long now) throws BoardException {
        long quietNanos = now - lastByteNanos;
        if (!stopSent) {
            if (quietNanos >= STALL_NANOS) {
                fail(new BoardException("board at " + channel.address() + " stalled: no STREAM frame for "
                        + STALL_NANOS / 1_000_000 + " ms with credit granted; the " + nextBit
                        + " bits received before are kept"));
            } else if (quietNanos >= CREDIT_RESEND_NANOS && now - lastCreditResendNanos >= CREDIT_RESEND_NANOS
                    && framesNeeded() > 0) {
                // Frames lost at the end of the window leave the board without credit while the host still counts
                // them as in flight: raise the (absolute) limit by at least one frame, so the next frame that
                // arrives shows by its sequence number how many were lost.
                lastCreditResendNanos = now;
                creditResends++;
                creditLimit = Math.max(creditLimit + 1, framesSeen + Math.min(windowFrames, framesNeeded()));
                channel.send(new Credit(creditLimit & 0xFFFF_FFFFL));
            }
            return;
        }
        long timeout = channel.replyTimeout().toNanos();
        if (quietNanos >= timeout && stopResends == 0) {
            stopResends++;
            lastByteNanos = now;
            channel.wire().event(channel.label(), "no STOP_ACK within " + timeout / 1_000_000 + " ms; STOP again");
            channel.send(new Stop());
        } else if (quietNanos >= timeout && stopResends > 0) {
            fail(new BoardException("board at " + channel.address() + " is silent: no STOP_ACK within "
                    + timeout / 1_000_000 + " ms, twice; the " + nextBit + " bits received are kept"));
        }
    }

    private void topUpCredit() throws BoardException {
        if (stopSent || startCount < 0) {
            return;
        }
        if (creditLimit - framesSeen >= windowFrames / 2) {
            return;
        }
        long wanted = framesSeen + Math.min(windowFrames, framesNeeded());
        if (wanted > creditLimit) {
            creditLimit = wanted;
            creditMessages++;
            channel.send(new Credit(creditLimit & 0xFFFF_FFFFL));
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
                missingBits += lost;
                event(StreamEvent.Kind.MISSING_BITS, -1, -1, nextBit, lost, "the last " + lost
                        + " bits the board streamed (it says " + boardBitsStreamed + ") never arrived");
            }
        } catch (BoardException e) {
            channel.wire().event(channel.label(), "STATUS after STOP failed: " + e.getMessage());
        }
        ended = true;
        endedBy = "stop";
        channel.wire().event(channel.label(), "stream ended: " + summary());
    }

    void fail(BoardException e) {
        if (failure == null) {
            failure = e;
            endNanos = System.nanoTime();
            wireBytesAtEnd = channel.bytesRead();
            endedBy = "error: " + e.getMessage();
            channel.wire().event(channel.label(), "stream failed: " + e.getMessage() + "; " + summary());
        }
    }

    /** Stops and drains without throwing, for a client closing in a hurry. */
    void stopQuietly() {
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

    void started() {
        if (startCount < 0) {
            startCount = channel.boardFramesCounted();
        }
    }

    void stopAcknowledged() {
        stopAcked = true;
    }

    void frame(StreamView frame, int seq) {
        if (startCount < 0) {
            started(); // START_ACK was lost but the board streams: count from here
        }
        framesSeen = channel.boardFramesCounted() - startCount;
        long first = frame.firstBit();
        int n = frame.bitCount();
        if (first < nextBit) {
            duplicateFrames++;
            event(StreamEvent.Kind.DUPLICATE_FRAME, seq, -1, first, n, "STREAM seq " + seq + " starts at bit "
                    + first + ", already received up to " + nextBit + "; dropped");
            return;
        }
        if (first > nextBit) {
            missingBits += first - nextBit;
            event(StreamEvent.Kind.MISSING_BITS, seq, -1, nextBit, first - nextBit, "bits " + nextBit + ".."
                    + (first - 1) + " never arrived");
        }
        bits.add(frame.array(), frame.bitsOffset(), n);
        nextBit = first + n;
        framesReceived++;
        pulsesFired += frame.pulsesFired();
        ambiguousReads += frame.ambiguousReads();
        payloadBytesUsed += frame.bitsLength();
    }

    void corrupt(String why, int wireBytes) {
        corruptFrames++;
        event(StreamEvent.Kind.CORRUPT_FRAME, -1, -1, -1, 0, why + " (" + wireBytes + " bytes on the wire)");
    }

    void missing(int expectedSeq, int seq, int frames) {
        missingFrames += frames;
        event(StreamEvent.Kind.MISSING_FRAMES, seq, expectedSeq, -1, 0, frames + " frame(s) missing: seq " + seq
                + " arrived, " + expectedSeq + " expected");
    }

    void duplicate(int seq, MessageType type) {
        duplicateFrames++;
        event(StreamEvent.Kind.DUPLICATE_FRAME, seq, -1, -1, 0, "repeated " + type + " seq " + seq + " dropped");
    }

    void boardError(ErrorReply error, int seq) {
        event(StreamEvent.Kind.BOARD_ERROR, seq, -1, -1, 0, error.code() + ": " + error.message());
    }

    private void event(StreamEvent.Kind kind, int seq, int expectedSeq, long firstBit, long count, String detail) {
        eventsLogged++;
        if (events.size() < EVENTS_KEPT) {
            events.add(new StreamEvent(kind, System.nanoTime() - t0, seq, expectedSeq, firstBit, count, detail));
        }
        channel.wire().event(channel.label(), kind + ": " + detail);
    }

    private String summary() {
        return String.format("stream: %d frames, %d bits, %d corrupt, %d missing, %d duplicate, %d bits missing, "
                        + "credit limit %d (%d resent)", framesReceived, nextBit, corruptFrames, missingFrames,
                duplicateFrames, missingBits, creditLimit, creditResends);
    }
}

package org.spinnoise.firmware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The counts of one {@link BoardStream} and the events behind them: every corrupt, missing and duplicate frame and
 * every missing bit is counted here, logged to the wire log as it happens and kept (the first
 * {@value #EVENTS_KEPT}) as a {@link StreamEvent} stamped on the stream's clock. The stream updates the counters
 * directly; this class turns them into the log's summary line and the {@link StreamReport}.
 */
final class StreamTally {
    static final int EVENTS_KEPT = 10_000;

    private final BoardChannel channel;
    private final long t0;
    private final List<StreamEvent> events = new ArrayList<>();

    long framesReceived;
    long corruptFrames;
    long missingFrames;
    long duplicateFrames;
    long missingBits;
    long pulsesFired;
    long ambiguousReads;
    long payloadBytesUsed;
    long creditMessages;
    long creditResends;
    long eventsLogged;

    StreamTally(BoardChannel channel, long t0) {
        this.channel = channel;
        this.t0 = t0;
    }

    void event(StreamEvent.Kind kind, int seq, int expectedSeq, long firstBit, long count, String detail) {
        eventsLogged++;
        if (events.size() < EVENTS_KEPT) {
            events.add(new StreamEvent(kind, System.nanoTime() - t0, seq, expectedSeq, firstBit, count, detail));
        }
        channel.wire().event(channel.label(), kind + ": " + detail);
    }

    List<StreamEvent> events() {
        return Collections.unmodifiableList(events);
    }

    String summary(long bits, long creditLimit) {
        return String.format("stream: %d frames, %d bits, %d corrupt, %d missing, %d duplicate, %d bits missing, "
                        + "credit limit %d (%d resent)", framesReceived, bits, corruptFrames, missingFrames,
                duplicateFrames, missingBits, creditLimit, creditResends);
    }

    StreamReport report(int streamPayloadBytes, long bitsReceived, long unusedTailBits, long wireBytes,
                        long boardBitsStreamed, double seconds, String endedBy) {
        return new StreamReport(streamPayloadBytes, bitsReceived, framesReceived, corruptFrames, missingFrames,
                duplicateFrames, missingBits, unusedTailBits, pulsesFired, ambiguousReads, wireBytes,
                payloadBytesUsed, creditMessages, creditResends, boardBitsStreamed, eventsLogged, seconds, endedBy);
    }
}

package org.spinnoise.firmware;

/**
 * What one stream from the board delivered and what went wrong on it, counted by the host: every corrupt, missing and
 * duplicate frame and every missing bit is here (and each one was logged to the wire log as it happened).
 * {@code bitsReceived} are the bits handed on, each from a valid frame and each once. {@code boardBitsStreamed} is what
 * the board says it streamed ({@code STATUS} after {@code STOP}; −1 if it could not be asked), so the bits lost at the
 * end of a stream are counted too. {@code wireBytes} are all bytes read from the line while streaming, garbage
 * included; {@code payloadBytes} the packed bits of the frames used.
 */
public record StreamReport(
        int streamPayloadBytes,
        long bitsReceived,
        long framesReceived,
        long corruptFrames,
        long missingFrames,
        long duplicateFrames,
        long missingBits,
        long unusedTailBits,
        long pulsesFired,
        long ambiguousReads,
        long wireBytes,
        long payloadBytes,
        long creditMessages,
        long creditResends,
        long boardBitsStreamed,
        long eventsLogged,
        double seconds,
        String endedBy) {

    /** Wire bytes per payload byte minus one, in percent: the framing's cost (garbage on the line included). */
    public double overheadPercent() {
        return payloadBytes == 0 ? Double.NaN : 100.0 * ((double) wireBytes / payloadBytes - 1);
    }

    /** Payload bits per second over the stream. */
    public double bitsPerSecond() {
        return seconds > 0 ? bitsReceived / seconds : Double.NaN;
    }

    /**
     * This stream followed by {@code later} (a board stopped and started again, as when its write pulse moves): counts
     * and times add, the payload size and the way it ended are the later stream's; the board's own count is unknown
     * (−1) if either is.
     */
    public StreamReport then(StreamReport later) {
        return new StreamReport(later.streamPayloadBytes, bitsReceived + later.bitsReceived,
                framesReceived + later.framesReceived, corruptFrames + later.corruptFrames,
                missingFrames + later.missingFrames, duplicateFrames + later.duplicateFrames,
                missingBits + later.missingBits, unusedTailBits + later.unusedTailBits,
                pulsesFired + later.pulsesFired, ambiguousReads + later.ambiguousReads, wireBytes + later.wireBytes,
                payloadBytes + later.payloadBytes, creditMessages + later.creditMessages,
                creditResends + later.creditResends,
                boardBitsStreamed < 0 || later.boardBitsStreamed < 0 ? -1 : boardBitsStreamed + later.boardBitsStreamed,
                eventsLogged + later.eventsLogged, seconds + later.seconds, later.endedBy);
    }

    /** True when nothing was lost, damaged or repeated. */
    public boolean clean() {
        return corruptFrames == 0 && missingFrames == 0 && duplicateFrames == 0 && missingBits == 0;
    }
}

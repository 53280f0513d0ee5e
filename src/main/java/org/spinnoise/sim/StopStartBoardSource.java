package org.spinnoise.sim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.instrument.PulseShape;

/**
 * The benchmark's own board source, for drift tracking on the board emulator: a stream started on demand, and a write
 * pulse moved the way the protocol allows (PROTOCOL.md: CONFIGURE only while the board does not stream), by STOP,
 * draining the frames in flight, CONFIGURE, and a new START with the next batch. {@link #pause()} keeps the bits it
 * drains and hands them out first (a tracker's pause); a {@link #setWrite} without a pause drops them (a sweep moving
 * to its next point must not count them). Each batch carries the stream's new guard-band count as an "ambiguous"
 * event. The controller's own board source (bits/BoardBitSource) gains the same moves in its own branch; this one
 * lets the benchmark measure tracking on the board now.
 */
final class StopStartBoardSource implements BitSource {
    private static final int CHUNK_BYTES = 1 << 16;

    private final BoardClient client;
    private final int payloadBytes;
    private final int windowFrames;
    private final long streamTargetBits;
    private final double maxJunctionVolts;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private BoardOperatingPoint point;
    private BoardStream stream;
    private long ambiguousSeen;
    private long index;
    private long bitsStreamed;

    /**
     * A source streaming frames of {@code payloadBytes} with {@code windowFrames} in flight, each stream asked for
     * {@code streamTargetBits} (0: until stopped), the board configured at {@code point} first.
     */
    StopStartBoardSource(BoardClient client, BoardOperatingPoint point, int payloadBytes, int windowFrames,
                         long streamTargetBits, double maxJunctionVolts) throws BoardException {
        this.client = client;
        this.payloadBytes = payloadBytes;
        this.windowFrames = windowFrames;
        this.streamTargetBits = streamTargetBits;
        this.maxJunctionVolts = maxJunctionVolts;
        configure(point);
    }

    private void configure(BoardOperatingPoint wanted) throws BoardException {
        point = BoardOperatingPoint.ofSettings(client.configure(wanted, maxJunctionVolts), client.hello());
    }

    /** Bits the board streamed to this source (handed out, held or dropped), each a reset and a write pulse. */
    long bitsStreamed() {
        return bitsStreamed;
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws BoardException {
        byte[] first = held.poll();
        if (first != null) {
            return batch(first, List.of());
        }
        if (stream == null) {
            stream = client.start(payloadBytes, windowFrames, streamTargetBits);
            ambiguousSeen = 0;
        }
        int n = stream.read(chunk, 0, Math.max(1, Math.min(chunk.length, maxBits / 8)));
        if (n < 0) {
            stream = null;
            return new BitBatch(index, 0, new byte[0], List.of(), List.of());
        }
        bitsStreamed += 8L * n;
        long ambiguous = stream.report().ambiguousReads();
        List<SourceEvent> events = ambiguous > ambiguousSeen
                ? List.of(new SourceEvent(0, "ambiguous", ambiguous - ambiguousSeen, "reads in the guard band"))
                : List.of();
        ambiguousSeen = ambiguous;
        return batch(Arrays.copyOf(chunk, n), events);
    }

    private BitBatch batch(byte[] bytes, List<SourceEvent> events) {
        BitBatch b = new BitBatch(index, bytes.length * 8, bytes, List.of(), events);
        index += b.bitCount();
        return b;
    }

    /** Stops the stream and drains what is in flight, keeping it. */
    @Override
    public void pause() throws BoardException {
        drain(true);
    }

    private void drain(boolean keep) throws BoardException {
        if (stream == null) {
            return;
        }
        stream.requestStop();
        for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
            bitsStreamed += 8L * n;
            if (keep) {
                held.add(Arrays.copyOf(chunk, n));
            }
        }
        stream = null;
    }

    @Override
    public void setWrite(PulseShape write) throws BoardException {
        drain(false);
        configure(new BoardOperatingPoint(write.amplitudeVolts(), write.widthSeconds(), point.resetVolts(),
                point.resetWidthSeconds(), point.readDelaySeconds(), point.thresholdCode(), point.guardBandCodes(),
                point.junctionMask()));
    }

    @Override
    public PulseShape write() {
        return new PulseShape(point.writeVolts(), point.writeWidthSeconds());
    }

    @Override
    public String describe() {
        return "board emulator at " + client.address() + ", stopped and restarted for each move";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.board("board stream (benchmark)", write(), client.hello(), point);
    }

    /** Stops the stream, dropping what is in flight. */
    @Override
    public void close() {
        try {
            drain(false);
        } catch (BoardException e) {
            // The emulator closes with the benchmark; nothing to make safe on a simulated board.
        }
    }
}

package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.firmware.StreamEvent;
import org.spinnoise.instrument.PulseShape;

/**
 * Bits from a pulser board's stream: one batch per chunk the stream hands out, every bit from a frame that passed its
 * CRC and sequence checks (see {@link BoardStream}), so a batch has no reads (a board reports only the comparator's
 * verdict). The stream's corrupt, missing and duplicate frames become {@link SourceEvent}s of the batch during which
 * they were seen. The stream starts with the first batch, asked for the source's bit budget; once the budget is
 * reached or the stop signal is raised, STOP is sent and the bits still in flight are handed out until the board
 * acknowledges, then the source ends. A board hands out whole bytes, so a batch asked for fewer than 8 bits holds 8.
 */
public final class BoardBitSource implements BitSource {
    private static final int CHUNK_BYTES = 1 << 16;

    /** How to stream: frame size, frames in flight, and the bits wanted (the stream overshoots by under a frame). */
    public record StreamPlan(int payloadBytes, int windowFrames, long targetBits, double maxJunctionVolts) {
    }

    private final BoardClient client;
    private final StreamPlan plan;
    private final BooleanSupplier stopRequested;
    private final long startNanos = System.nanoTime();
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private BoardOperatingPoint applied;
    private BoardStream stream;
    private int eventsSeen;
    private long index;

    /** A source on a configured board: {@code applied} is what the board applied (see {@link BoardClient#configure}). */
    public BoardBitSource(BoardClient client, BoardOperatingPoint applied, StreamPlan plan,
                          BooleanSupplier stopRequested) {
        this.client = client;
        this.applied = applied;
        this.plan = plan;
        this.stopRequested = stopRequested;
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws BoardException {
        if (stream == null) {
            stream = client.start(plan.payloadBytes(), plan.windowFrames(), plan.targetBits());
        }
        if (index >= plan.targetBits() || stopRequested.getAsBoolean()) {
            // After STOP the stream goes on handing out the bits in flight until STOP_ACK, and they are kept.
            stream.requestStop();
        }
        int n = stream.read(chunk, 0, Math.max(1, Math.min(chunk.length, maxBits / 8)));
        List<SourceEvent> events = newEvents();
        if (n < 0) {
            return new BitBatch(index, 0, new byte[0], List.of(), events);
        }
        BitBatch batch = new BitBatch(index, n * 8, Arrays.copyOf(chunk, n), List.of(), events);
        index += n * 8L;
        return batch;
    }

    private List<SourceEvent> newEvents() {
        List<StreamEvent> all = stream.events();
        List<SourceEvent> events = new ArrayList<>(all.size() - eventsSeen);
        for (; eventsSeen < all.size(); eventsSeen++) {
            StreamEvent e = all.get(eventsSeen);
            events.add(new SourceEvent(e.timeNanos(), e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    e.bitCount(), "seq " + e.seq() + " (expected " + e.expectedSeq() + "), first bit " + e.firstBit()
                    + ": " + e.detail()));
        }
        return events;
    }

    /**
     * Reconfigures the board's write pulse; allowed before the stream starts or after it ended, because the board
     * refuses a CONFIGURE while it streams.
     */
    @Override
    public void setWrite(PulseShape write) throws BoardException {
        if (stream != null && !stream.ended()) {
            throw new BoardException("board at " + client.address() + ": the write pulse cannot move while the board "
                    + "streams; stop the stream first");
        }
        BoardOperatingPoint wanted = new BoardOperatingPoint(write.amplitudeVolts(), write.widthSeconds(),
                applied.resetVolts(), applied.resetWidthSeconds(), applied.readDelaySeconds(), applied.thresholdCode(),
                applied.guardBandCodes(), applied.junctionMask());
        applied = BoardOperatingPoint.ofSettings(client.configure(wanted, plan.maxJunctionVolts()), client.hello());
        stream = null;
    }

    @Override
    public PulseShape write() {
        return new PulseShape(applied.writeVolts(), applied.writeWidthSeconds());
    }

    /** The stream underneath, for its report; null before the first batch. */
    public BoardStream stream() {
        return stream;
    }

    @Override
    public String describe() {
        return String.format("pulser board %s (%s, firmware %s) at %s: write %.4f V / %.3g s, reset %.4f V / %.3g s, "
                        + "threshold code %d ± %d, junction mask 0x%X", client.hello().serial(),
                client.hello().writeDacBits() + "-bit DAC", client.hello().firmware(), client.address(),
                applied.writeVolts(), applied.writeWidthSeconds(), applied.resetVolts(), applied.resetWidthSeconds(),
                applied.thresholdCode(), applied.guardBandCodes(), applied.junctionMask());
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.board("board stream", write(), client.hello(), applied);
    }

    /** Leaves the client open: the board, its STOP and its safe end belong to whoever connected it. */
    @Override
    public void close() {
    }
}

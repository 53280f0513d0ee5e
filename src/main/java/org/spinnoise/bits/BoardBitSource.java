package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.firmware.StreamEvent;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.PulseShape;

/**
 * Bits from a pulser board's stream: one batch per chunk the stream hands out, every bit from a frame that passed its
 * CRC and sequence checks (see {@link BoardStream}), so a batch has no reads (a board reports only the comparator's
 * verdict). The stream's corrupt, missing and duplicate frames become {@link SourceEvent}s of the batch during which
 * they were seen, and reads the board counted inside the guard band a "guard-band" event (protocol v1 delivers them
 * as bits, §4.6, and does not say which). A board hands out whole bytes, so a batch asked for fewer than 8 bits holds 8.
 *
 * <p>The board refuses CONFIGURE while it streams and restarts its bit index at START, so moving the write pulse or
 * the comparator ({@link #setWrite}, {@link #setComparator}), or {@link #pause()}, sends STOP and keeps every bit that
 * arrives before STOP_ACK; the next batches hand those out first (never mixed with bits of a new setting), then
 * CONFIGURE (when the setting changed) and START follow. The source's own bit index runs on across restarts: nothing
 * is handed out twice and nothing is lost. Several sources may share one {@link BoardClient}, one per junction
 * ({@link #forJunction}), taking turns through {@link #pause()}: each reconfigures the board when it finds another's
 * configuration in force.
 *
 * <p>A continuous plan ({@link StreamPlan}) keeps one stream running with a credit window, for acquisition; a lockstep
 * plan ({@link StreamPlan#lockstep}) starts a stream per batch sized to it and stops it after, so the board fires no
 * pulse beyond what calibration asked for.
 */
public final class BoardBitSource implements ComparatorSource {
    private static final Logger LOG = LoggerFactory.getLogger(BoardBitSource.class);
    private static final int CHUNK_BYTES = 1 << 16;
    private static final int STREAM_FIELD_BYTES = org.spinnoise.firmware.wire.WireLimits.STREAM_FIELD_BYTES;

    /**
     * How to stream: frame size, frames in flight, the bits wanted (0: no budget, the source ends only on its stop
     * signal; a continuous stream overshoots by under a frame), and the safety limit on any pulse.
     * {@code payloadBytes} 0 means lockstep: one stream per batch, sized to it.
     */
    public record StreamPlan(int payloadBytes, int windowFrames, long targetBits, double maxJunctionVolts) {
        public StreamPlan {
            if (targetBits < 0) {
                throw new IllegalArgumentException("target bits must be >= 0 (0: no budget), got " + targetBits);
            }
        }

        /** One stream per batch, sized to the batch: for calibration, where every pulse counts. */
        public static StreamPlan lockstep(long targetBits, double maxJunctionVolts) {
            return new StreamPlan(0, 2, targetBits, maxJunctionVolts);
        }

        public boolean isLockstep() {
            return payloadBytes == 0;
        }
    }

    private final BoardClient client;
    private final StreamPlan plan;
    private final BooleanSupplier stopRequested;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final BitCarry carry = new BitCarry();
    private final List<SourceEvent> pendingEvents = new ArrayList<>();
    private BoardOperatingPoint wanted;
    private BoardSettings appliedSettings;
    private BoardOperatingPoint applied;
    private double writeWidthSeconds;
    /** The last write amplitude above 0, what {@link #write()} reports while the write is off. */
    private double lastWriteVolts;
    private BoardStream stream;
    private StreamReport finishedStreams;
    private int eventsSeen;
    private long ambiguousSeen;
    private long index;
    private long settingStartIndex;
    private int restarts;
    private boolean ended;

    /** A source on a configured board: {@code applied} is what the board applied (see {@link BoardClient#configure}). */
    public BoardBitSource(BoardClient client, BoardOperatingPoint applied, StreamPlan plan,
                          BooleanSupplier stopRequested) {
        this.client = client;
        this.plan = plan;
        this.stopRequested = stopRequested;
        this.wanted = applied;
        this.applied = applied;
        this.appliedSettings = client.applied();
        this.writeWidthSeconds = applied.writeWidthSeconds();
        this.lastWriteVolts = applied.writeVolts();
    }

    /**
     * A source for junction {@code junction} alone (mask 1 << junction) on a board it shares with other sources; the
     * board is configured with {@code point} when this source first needs it, and again whenever another source's
     * configuration is found in force.
     */
    public static BoardBitSource forJunction(BoardClient client, int junction, BoardOperatingPoint point,
                                             StreamPlan plan, BooleanSupplier stopRequested) throws BoardException {
        if (junction < 0 || junction >= client.hello().junctions()) {
            throw new BoardException("board at " + client.address() + " has junctions 0.."
                    + (client.hello().junctions() - 1) + ", not " + junction);
        }
        BoardOperatingPoint own = point.withJunctionMask(1L << junction);
        own.toSettings(client.hello(), client.address()); // refuses now what the board could not do
        BoardBitSource source = new BoardBitSource(client, own, plan, stopRequested);
        source.appliedSettings = null;
        return source;
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws BoardException {
        int maxBytes = Math.max(1, Math.min(chunk.length, maxBits / 8));
        if (carry.bytes() > 0) {
            byte[] kept = carry.take(maxBytes);
            return batch(kept, kept.length);
        }
        if (ended) {
            return batch(chunk, 0);
        }
        boolean budgetSpent = plan.targetBits() > 0 && index >= plan.targetBits();
        if (budgetSpent || stopRequested.getAsBoolean()) {
            if (stream == null) {
                ended = true;
                return batch(chunk, 0);
            }
            // After STOP the stream goes on handing out the bits in flight until STOP_ACK, and they are kept.
            stream.requestStop();
        } else if (stream == null) {
            startStream(maxBytes);
        }
        int n = plan.isLockstep() ? readLockstep(maxBytes) : stream.read(chunk, 0, maxBytes);
        if (n < 0) {
            endStream();
            ended = true;
            return batch(chunk, 0);
        }
        BitBatch batch = batch(chunk, n);
        if (plan.isLockstep()) {
            pause();
        }
        return batch;
    }

    /** Reads until the batch's bytes are in or the stream ends; −1 only when it ended with none. */
    private int readLockstep(int maxBytes) throws BoardException {
        int got = 0;
        while (got < maxBytes) {
            int n = stream.read(chunk, got, maxBytes - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got == 0 ? -1 : got;
    }

    private BitBatch batch(byte[] from, int bytes) {
        List<SourceEvent> events = new ArrayList<>(pendingEvents);
        pendingEvents.clear();
        if (stream != null) {
            collectEvents(events);
        }
        BitBatch batch = new BitBatch(index, bytes * 8, Arrays.copyOf(from, bytes), List.of(), events);
        index += bytes * 8L;
        return batch;
    }

    private void startStream(int maxBytes) throws BoardException {
        ensureConfigured();
        long remaining = plan.targetBits() == 0 ? 0 : plan.targetBits() - index;
        if (plan.isLockstep()) {
            int maxFrameBytes = client.hello().maxStreamPayloadBytes() - STREAM_FIELD_BYTES;
            long wantBytes = remaining == 0 ? maxBytes : Math.min(maxBytes, (remaining + 7) / 8);
            int frames = (int) ((wantBytes + maxFrameBytes - 1) / maxFrameBytes);
            int frameBytes = (int) ((wantBytes + frames - 1) / frames);
            stream = client.start(STREAM_FIELD_BYTES + frameBytes, Math.max(2, frames), 8 * wantBytes);
        } else {
            stream = client.start(plan.payloadBytes(), plan.windowFrames(), remaining);
        }
        eventsSeen = 0;
        ambiguousSeen = 0;
        restarts++;
    }

    /** Configures the board with this source's point unless the board already holds it. */
    private void ensureConfigured() throws BoardException {
        if (appliedSettings != null && appliedSettings.equals(client.applied())) {
            return;
        }
        if (client.streamOpen()) {
            throw new BoardException(String.format("board at %s is streaming for another source; pause() it before "
                    + "junction mask 0x%X streams", client.address(), wanted.junctionMask()));
        }
        appliedSettings = client.configure(wanted, plan.maxJunctionVolts());
        applied = BoardOperatingPoint.ofSettings(appliedSettings, client.hello());
    }

    /**
     * Stops the stream, keeping every bit that arrives before STOP_ACK; the next batches hand them out first and the
     * batch after them starts the stream again. Nothing to do when no stream runs.
     */
    @Override
    public void pause() throws BoardException {
        if (stream == null) {
            return;
        }
        stream.requestStop();
        try {
            for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
                carry.add(chunk, n);
            }
        } finally {
            endStream();
        }
    }

    private void endStream() {
        collectEvents(pendingEvents);
        StreamReport report = stream.report();
        finishedStreams = finishedStreams == null ? report : finishedStreams.then(report);
        stream = null;
    }

    /**
     * Moves the write pulse: stops a running stream (its bits are kept and handed out first), and configures the board
     * before the next stream; the next batch after the kept bits is made with the new pulse.
     */
    @Override
    public void setWrite(PulseShape write) throws BoardException {
        reconfigure(wanted.withWrite(write.amplitudeVolts(), write.widthSeconds()));
        writeWidthSeconds = applied.writeWidthSeconds();
        lastWriteVolts = applied.writeVolts();
    }

    @Override
    public void setWriteOff() throws BoardException {
        reconfigure(wanted.withWrite(0, writeWidthSeconds));
    }

    @Override
    public void setComparator(int thresholdCode, int guardBandCodes) throws BoardException {
        reconfigure(wanted.withComparator(thresholdCode, guardBandCodes));
    }

    private void reconfigure(BoardOperatingPoint next) throws BoardException {
        pause();
        if (client.streamOpen()) {
            throw new BoardException(String.format("board at %s is streaming for another source; pause() it before "
                    + "reconfiguring junction mask 0x%X", client.address(), next.junctionMask()));
        }
        BoardOperatingPoint before = wanted;
        wanted = next;
        appliedSettings = null;
        try {
            ensureConfigured();
        } catch (BoardException e) {
            wanted = before;
            throw e;
        }
        settingStartIndex = index + carry.bytes() * 8L;
        LOG.debug("board {}: write {} V, threshold code {} ± {} from bit {}", client.address(), applied.writeVolts(),
                applied.thresholdCode(), applied.guardBandCodes(), settingStartIndex);
    }

    private void collectEvents(List<SourceEvent> into) {
        List<StreamEvent> all = stream.events();
        for (; eventsSeen < all.size(); eventsSeen++) {
            StreamEvent e = all.get(eventsSeen);
            into.add(new SourceEvent(e.timeNanos(), e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    e.bitCount(), "seq " + e.seq() + " (expected " + e.expectedSeq() + "), first bit " + e.firstBit()
                    + ": " + e.detail()));
        }
        long ambiguous = stream.report().ambiguousReads();
        if (ambiguous > ambiguousSeen) {
            into.add(new SourceEvent(stream.elapsedNanos(), "guard-band", ambiguous - ambiguousSeen, String.format(
                    "reads within %d codes of threshold code %d, counted by the board and delivered as bits "
                            + "(protocol v1 section 4.6)", applied.guardBandCodes(), applied.thresholdCode())));
            ambiguousSeen = ambiguous;
        }
    }

    /** The write pulse in force; while the write is off (a P-state scan), the pulse {@link #setWrite} last set. */
    @Override
    public PulseShape write() {
        double volts = applied.writeVolts() > 0 ? applied.writeVolts() : lastWriteVolts;
        if (!(volts > 0)) {
            throw new IllegalStateException("board at " + client.address() + ": the write pulse is off and none was "
                    + "set");
        }
        return new PulseShape(volts, writeWidthSeconds);
    }

    @Override
    public boolean writeOff() {
        return applied.writeVolts() == 0;
    }

    /** The operating point the board applied for this source (its CONFIGURE_ACK). */
    public BoardOperatingPoint applied() {
        return applied;
    }

    @Override
    public int thresholdCode() {
        return applied.thresholdCode();
    }

    @Override
    public int guardBandCodes() {
        return applied.guardBandCodes();
    }

    @Override
    public int maxThresholdCode() {
        return client.hello().maxReadCode();
    }

    @Override
    public double readVoltsPerCode() {
        HelloReply h = client.hello();
        return h.readDacFullScaleMillivolts() / 1000.0 / h.maxReadCode();
    }

    @Override
    public double writeVoltsPerCode() {
        HelloReply h = client.hello();
        return h.writeDacFullScaleMillivolts() / 1000.0 / h.maxWriteCode();
    }

    @Override
    public double maxWriteVolts() {
        double fullScale = client.hello().writeDacFullScaleMillivolts() / 1000.0;
        return Math.min(fullScale, Math.floor(plan.maxJunctionVolts() / writeVoltsPerCode()) * writeVoltsPerCode());
    }

    @Override
    public long settingStartIndex() {
        return settingStartIndex;
    }

    /** Bits handed out so far (the next batch's first index). */
    public long bitsHandedOut() {
        return index;
    }

    /** Streams started so far (each START after a pause or a reconfiguration counts). */
    public int streamsStarted() {
        return restarts;
    }

    /** The stream running now, for its events; null between streams. */
    public BoardStream stream() {
        return stream;
    }

    /** Every stream's counts so far added up (null before the first stream). */
    public StreamReport report() {
        if (stream == null) {
            return finishedStreams;
        }
        StreamReport now = stream.report();
        return finishedStreams == null ? now : finishedStreams.then(now);
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

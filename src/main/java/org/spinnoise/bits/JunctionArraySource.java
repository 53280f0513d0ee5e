package org.spinnoise.bits;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.ContinuousHealthTests;
import org.spinnoise.entropy.HealthTestCutoffs;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.scpi.Identity;

/**
 * Bits from an array of junctions, each with its own {@link BitSource}: the live junctions take turns, a block of
 * bits each ({@link BitSource#pause()} is called before the turn passes to another junction, so junctions sharing one
 * board hand it over), and every junction runs its own SP 800-90B continuous health tests (repetition count and
 * adaptive proportion). A junction whose health tests fail, or whose source throws (an instrument error, a device
 * out of its calibrated range), is dropped: a "junction-dropped" {@link SourceEvent} says which and why, its
 * {@link JunctionSummary} keeps it for the manifest, and the others go on. The run fails only when every junction has
 * been dropped.
 *
 * <p>Which bits of a failing junction are kept: a junction's bits are handed out only once {@link #holdBits()} later
 * bits of the same junction (a whole adaptive-proportion window, at least a repetition-count cutoff) have passed its
 * tests. A failure therefore discards the failing batch and every bit held behind it, so no bit of the window or run
 * that failed is ever handed out. A source that ends cleanly (its stop) releases what it held. Each batch handed out
 * holds the bits of one junction ({@link BlockListener} says which), renumbered into the array's output.
 */
public final class JunctionArraySource implements BitSource {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionArraySource.class);
    /** The event kind of a dropped junction. */
    public static final String JUNCTION_DROPPED = "junction-dropped";
    /** The event kind of bits held back for the health tests when the array reached its bits. */
    public static final String UNUSED = "unused";

    /** One junction: its id in the array (what the manifest and junctions.csv call it) and its source. */
    public record Junction(int id, BitSource source) {
    }

    /**
     * Told of every batch handed out (which junction made the bits {@code firstIndex .. firstIndex + bits - 1}) and of
     * every junction dropped, as it happens, so its hardware can be made safe at once.
     */
    @FunctionalInterface
    public interface BlockListener {
        void handedOut(int junction, long firstIndex, int bits) throws IOException;

        default void dropped(int junction, String reason) {
        }
    }

    private final List<JunctionLane> lanes;
    private final int blockBits;
    private final int holdBits;
    private final long endIndex;
    private final BlockListener blocks;
    private final long startNanos = System.nanoTime();
    private final List<SourceEvent> pending = new ArrayList<>();
    private int turn;
    private long nextIndex;
    private boolean finished;

    private JunctionArraySource(List<JunctionLane> lanes, int blockBits, int holdBits, long firstIndex, long bitBudget,
                                BlockListener blocks) {
        this.lanes = lanes;
        this.blockBits = blockBits;
        this.holdBits = holdBits;
        this.nextIndex = firstIndex;
        this.endIndex = firstIndex + bitBudget;
        this.blocks = blocks;
    }

    /**
     * An array over {@code junctions} (ids unique) that hands out {@code bitBudget} bits, asking each junction for
     * {@code blockBits} bits a turn, with health tests for {@code claimedEntropyPerBit} and false-alarm rate
     * {@code alpha}. The array owns the sources: closing it closes them.
     */
    public static JunctionArraySource over(List<Junction> junctions, int blockBits, double claimedEntropyPerBit,
                                           double alpha, long bitBudget, BlockListener blocks) {
        if (junctions.isEmpty()) {
            throw new IllegalArgumentException("a junction array needs at least one junction");
        }
        if (blockBits < 1 || bitBudget < 0) {
            throw new IllegalArgumentException("block of " + blockBits + " bits, budget of " + bitBudget
                    + " bits: both must be positive");
        }
        if (junctions.stream().map(Junction::id).distinct().count() != junctions.size()) {
            throw new IllegalArgumentException("junction ids must be unique, got "
                    + junctions.stream().map(Junction::id).toList());
        }
        int hold = holdBits(claimedEntropyPerBit, alpha);
        List<JunctionLane> lanes = new ArrayList<>();
        for (Junction j : junctions) {
            lanes.add(new JunctionLane(j.id(), j.source(), ContinuousHealthTests.binary(claimedEntropyPerBit, alpha),
                    hold));
        }
        return new JunctionArraySource(lanes, blockBits, hold, 0, bitBudget, blocks);
    }

    /** Bits held back behind each junction's newest: an adaptive-proportion window, or a repetition run if longer. */
    static int holdBits(double claimedEntropyPerBit, double alpha) {
        return Math.max(HealthTestCutoffs.BINARY_WINDOW,
                HealthTestCutoffs.repetitionCount(claimedEntropyPerBit, alpha) - 1);
    }

    /** Bits each junction holds back until later bits have passed its health tests. */
    public int holdBits() {
        return holdBits;
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws IOException {
        if (maxBits < 1) {
            // An empty batch means the end, so a request for none cannot be answered with one.
            throw new IllegalArgumentException("ask a junction array for at least one bit, got " + maxBits);
        }
        while (!finished) {
            if (nextIndex >= endIndex) {
                finish();
                break;
            }
            int wanted = (int) Math.min(maxBits, endIndex - nextIndex);
            JunctionLane lane = current();
            if (lane == null) {
                return noneLeft();
            }
            if (lane.ready() > 0) {
                BitBatch out = lane.take(nextIndex, wanted, takePending());
                nextIndex += out.bitCount();
                if (lane.ready() == 0) {
                    passTurn(lane);
                }
                blocks.handedOut(lane.id, out.firstIndex(), out.bitCount());
                return out;
            }
            if (!lane.live()) {
                passTurn(lane); // ended and emptied
                continue;
            }
            takeBlock(lane, (int) Math.min(blockBits, endIndex - nextIndex + holdBits));
            if (lane.live() && lane.ready() == 0) {
                passTurn(lane);
            }
        }
        return new BitBatch(nextIndex, 0, new byte[0], List.of(), takePending());
    }

    /** The lane whose turn it is, or null when no junction has bits to give or can make more. */
    private JunctionLane current() {
        for (int i = 0; i < lanes.size(); i++) {
            JunctionLane lane = lanes.get((turn + i) % lanes.size());
            if (lane.live() || lane.ready() > 0) {
                turn = (turn + i) % lanes.size();
                return lane;
            }
        }
        return null;
    }

    /**
     * One turn of a junction: batches from its source, each through its health tests, until the block is full (a
     * source may give less per batch than asked, e.g. one error check's worth), the source ends or the junction fails.
     */
    private void takeBlock(JunctionLane lane, int bits) throws IOException {
        int taken = 0;
        while (taken < bits && lane.live()) {
            BitBatch batch;
            try {
                batch = lane.source.nextBatch(bits - taken);
            } catch (InterruptedIOException e) {
                throw e; // the run was interrupted; the junction did nothing wrong
            } catch (IOException | RuntimeException e) {
                for (SourceEvent ev : DiscardedBits.of(e)) {
                    pending.add(relabel(lane, ev));
                }
                drop(lane, "its source failed: " + e.getMessage(), 0);
                return;
            }
            for (SourceEvent ev : batch.events()) {
                pending.add(relabel(lane, ev));
            }
            if (batch.bitCount() == 0) {
                lane.end();
                LOG.info("junction {} ended; the {} bits it held are released", lane.id, lane.held());
                return;
            }
            taken += batch.bitCount();
            if (lane.accept(batch) >= 0) {
                drop(lane, "health tests failed at its bit " + (lane.summary().bitsTested() - 1) + " ("
                        + failing(lane) + ")", batch.bitCount());
            }
        }
    }

    /** Hands the turn to the next junction, pausing this one's source when another junction will run. */
    private void passTurn(JunctionLane lane) throws IOException {
        turn = (lanes.indexOf(lane) + 1) % lanes.size();
        JunctionLane next = current();
        if (lane.live() && next != null && next != lane) {
            try {
                lane.source.pause();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                drop(lane, "its source could not pause: " + e.getMessage(), 0);
            }
        }
    }

    private void drop(JunctionLane lane, String reason, long failingBatchBits) {
        long discarded = lane.drop(reason, failingBatchBits);
        LOG.warn("junction {} dropped, {} of its bits discarded: {}", lane.id, discarded, reason);
        pending.add(new SourceEvent(now(), JUNCTION_DROPPED, discarded, "junction " + lane.id + " dropped, "
                + discarded + " of its bits not handed out: " + reason));
        blocks.dropped(lane.id, reason);
    }

    /** Every junction has stopped making bits and none holds any: an end when one ended cleanly, else a failure. */
    private BitBatch noneLeft() throws IOException {
        finished = true;
        if (lanes.stream().anyMatch(l -> l.status().equals(JunctionLane.ENDED))) {
            return new BitBatch(nextIndex, 0, new byte[0], List.of(), takePending());
        }
        IOException failure = new IOException("every junction of the array was dropped ("
                + lanes.stream().map(l -> "junction " + l.id + ": " + l.summary().reason())
                .collect(Collectors.joining("; ")) + "); check each junction's calibration and wiring");
        for (SourceEvent ev : takePending()) {
            DiscardedBits.attach(failure, ev);
        }
        throw failure;
    }

    /** The array has its bits: what each junction still holds is reported unused. */
    private void finish() {
        finished = true;
        for (JunctionLane lane : lanes) {
            long left = lane.leftOver();
            if (left > 0) {
                pending.add(new SourceEvent(now(), UNUSED, left, "junction " + lane.id + ": " + left + " bits held "
                        + "back for its health tests when the run had its bits, not used"));
            }
        }
    }

    private static String failing(JunctionLane lane) {
        return lane.healthReports().stream().filter(r -> r.failures() > 0)
                .map(r -> r.test() + " test, cutoff " + r.cutoff() + ", reached " + r.worstObserved())
                .collect(Collectors.joining("; "));
    }

    private SourceEvent relabel(JunctionLane lane, SourceEvent ev) {
        return new SourceEvent(ev.timeNanos(), ev.kind(), ev.bits(), "junction " + lane.id + ": " + ev.detail());
    }

    private List<SourceEvent> takePending() {
        List<SourceEvent> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    private long now() {
        return System.nanoTime() - startNanos;
    }

    /** Each junction as it stands, in the array's order. */
    public List<JunctionSummary> summaries() {
        return lanes.stream().map(JunctionLane::summary).toList();
    }

    /** Junctions not dropped. */
    public int liveJunctions() {
        return (int) lanes.stream().filter(l -> !l.status().equals(JunctionLane.DROPPED)).count();
    }

    /** Each junction keeps its own write pulse: move it on that junction's source. */
    @Override
    public void setWrite(PulseShape write) {
        throw new UnsupportedOperationException("a junction array has one write pulse per junction: set it on the "
                + "junction's own source");
    }

    /** The write pulse of the first junction not dropped (each junction has its own; see the manifest). */
    @Override
    public PulseShape write() {
        return lanes.stream().filter(l -> !l.status().equals(JunctionLane.DROPPED)).findFirst()
                .orElse(lanes.get(0)).source.write();
    }

    @Override
    public String describe() {
        return "junction array of " + lanes.size() + " (" + lanes.stream().map(l -> "junction " + l.id + ": "
                + l.source.describe()).collect(Collectors.joining("; ")) + ")";
    }

    /** The junctions' instruments and settings, each role named "junction-ID role"; null when no junction has any. */
    @Override
    public SourceProvenance provenance() {
        Map<String, Identity> instruments = new LinkedHashMap<>();
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        SourceProvenance first = null;
        for (JunctionLane lane : lanes) {
            SourceProvenance p = lane.source.provenance();
            first = first == null ? p : first;
            if (p.instruments() != null) {
                p.instruments().forEach((role, id) -> instruments.put("junction-" + lane.id + " " + role, id));
            }
            if (p.settings() != null) {
                p.settings().forEach((role, s) -> settings.put("junction-" + lane.id + " " + role, s));
            }
        }
        return new SourceProvenance("junction array of " + lanes.size() + ", " + blockBits + " bits a turn, each "
                + "junction's own health tests: " + first.kind(), write(), instruments.isEmpty() ? null : instruments,
                settings.isEmpty() ? null : settings, first.board(), first.boardApplied());
    }

    @Override
    public void close() {
        lanes.forEach(l -> l.source.close());
    }
}

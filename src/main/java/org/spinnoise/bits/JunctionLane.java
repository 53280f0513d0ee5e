package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.List;
import org.spinnoise.entropy.ContinuousHealthTests;
import org.spinnoise.entropy.HealthTestReport;

/**
 * One junction of a {@link JunctionArraySource}: its source, its own continuous health tests, and the bits it has made
 * that are not handed out yet. A bit is held back until {@code holdBits} later bits of the same junction have passed
 * the health tests, so the adaptive proportion window or repetition run a failure belongs to is never partly handed
 * out: on a failure everything still held goes with the failing batch. Not thread-safe.
 */
final class JunctionLane {
    static final String LIVE = "live";
    static final String ENDED = "ended";
    static final String DROPPED = "dropped";

    final int id;
    final BitSource source;
    private final ContinuousHealthTests health;
    private final int holdBits;
    /** Held bits, one per byte, oldest at {@code head}. */
    private byte[] bits = new byte[1 << 12];
    private int head;
    private int tail;
    /** Reads of the held bits, in the same order; empty when the source has no reads. */
    private final List<RawRead> reads = new ArrayList<>();
    /** Held bits at the front that may be handed out. */
    private int releasable;
    private String status = LIVE;
    private String reason;
    private long bitsTested;
    private long bitsHandedOut;
    private long onesHandedOut;
    private long bitsDiscarded;

    JunctionLane(int id, BitSource source, ContinuousHealthTests health, int holdBits) {
        this.id = id;
        this.source = source;
        this.health = health;
        this.holdBits = holdBits;
    }

    boolean live() {
        return status.equals(LIVE);
    }

    String status() {
        return status;
    }

    /** Bits that may be handed out now. */
    int ready() {
        return releasable;
    }

    /** Bits held (released or not). */
    int held() {
        return tail - head;
    }

    /**
     * Runs the health tests over a batch and holds its bits; returns -1 when every bit passed, else the index within
     * the batch of the bit that failed (the batch is then not held, and the caller drops the junction).
     */
    int accept(BitBatch batch) {
        byte[] packed = batch.packed();
        for (int i = 0; i < batch.bitCount(); i++) {
            int bit = (packed[i >>> 3] >>> (7 - (i & 7))) & 1;
            bitsTested++;
            if (!health.accept(bit)) {
                return i;
            }
        }
        ensureRoom(batch.bitCount());
        for (int i = 0; i < batch.bitCount(); i++) {
            bits[tail++] = (byte) ((packed[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
        reads.addAll(batch.reads());
        releasable = Math.max(releasable, held() - holdBits);
        return -1;
    }

    /** The source ended cleanly: every held bit passed every test the junction will ever run, so all may go. */
    void end() {
        status = ENDED;
        releasable = held();
    }

    /** Drops the junction; returns how many held bits were discarded with it (besides the failing batch). */
    long drop(String why, long failingBatchBits) {
        status = DROPPED;
        reason = why;
        long discarded = held() + failingBatchBits;
        bitsDiscarded += discarded;
        head = tail = releasable = 0;
        reads.clear();
        return discarded;
    }

    /** Bits held when the array reached its bits, never handed out; the lane keeps going no further. */
    long leftOver() {
        long left = held();
        bitsDiscarded += left;
        head = tail = releasable = 0;
        reads.clear();
        return left;
    }

    /** Hands out up to {@code max} releasable bits as a batch numbered from {@code firstIndex}. */
    BitBatch take(long firstIndex, int max, List<SourceEvent> events) {
        int n = Math.min(max, releasable);
        byte[] packed = new byte[(n + 7) / 8];
        long ones = 0;
        for (int i = 0; i < n; i++) {
            int bit = bits[head + i];
            ones += bit;
            packed[i >>> 3] |= (byte) (bit << (7 - (i & 7)));
        }
        List<RawRead> out = List.of();
        if (!reads.isEmpty()) {
            List<RawRead> front = reads.subList(0, n);
            out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                RawRead r = front.get(i);
                // Renumbered into the array's output, so reads.csv lines up with bits.bin.
                out.add(new RawRead(firstIndex + i, r.timeNanos(), r.writeAmplitudeVolts(), r.writeWidthSeconds(),
                        r.resistanceOhms(), r.bit()));
            }
            front.clear();
        }
        head += n;
        releasable -= n;
        bitsHandedOut += n;
        onesHandedOut += ones;
        return new BitBatch(firstIndex, n, packed, out, events);
    }

    private void ensureRoom(int more) {
        if (tail + more <= bits.length) {
            return;
        }
        int held = held();
        byte[] target = held + more <= bits.length / 2 ? bits : new byte[Math.max(bits.length * 2, held + more)];
        System.arraycopy(bits, head, target, 0, held);
        bits = target;
        head = 0;
        tail = held;
    }

    List<HealthTestReport> healthReports() {
        return health.reports();
    }

    JunctionSummary summary() {
        List<HealthTestReport> reports = health.reports();
        long failures = reports.stream().mapToLong(HealthTestReport::failures).sum();
        return new JunctionSummary(id, source.describe(), status, reason, bitsHandedOut, onesHandedOut, bitsTested,
                bitsDiscarded, failures, reports);
    }
}

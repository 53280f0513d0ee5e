package org.spinnoise.bits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * The toggle scheme on a bench of SCPI instruments, for junctions that switch by precession: one read at the start,
 * then per bit one write pulse and one read; the bit is whether the thresholded state changed between consecutive
 * reads (bit i = state i XOR state i−1). There is no reset pulse: the reset channel is put at 0 V with its output off
 * when the source starts, so a bit costs one pulse instead of two. A read inside the threshold's guard band leaves
 * both its own bit and the next one undecidable: they are counted as a {@link SourceEvent} of kind "ambiguous" in
 * the batch, never made bits, and take no bit index. Batches are confirmed as {@link PerBitBenchSource} confirms
 * them: both instruments' error checks after at most {@value PerBitBenchSource#CONFIRM_EVERY_BITS} bits and before
 * a batch is handed out; on an error or any failure the reads since the last clean check are discarded ("discarded"
 * event on the failure) and the next batch starts from a fresh reference read.
 */
public final class ToggleBenchSource implements BitSource {
    /** The state before the next pulse is unknown: no reference read yet, or the last read was ambiguous. */
    private static final int UNKNOWN = -1;

    private final Bench bench;
    private final Threshold threshold;
    private final BooleanSupplier stopRequested;
    private final long startNanos = System.nanoTime();
    private final long bitBudget;
    private PulseShape write;
    private long index;
    private boolean referenceRead;
    private int state = UNKNOWN;
    private long pulsesFired;
    private long ambiguousBits;

    private ToggleBenchSource(Bench bench, Threshold threshold, PulseShape write, long bitBudget,
                              BooleanSupplier stopRequested) {
        this.bench = bench;
        this.threshold = threshold;
        this.write = write;
        this.bitBudget = bitBudget;
        this.stopRequested = stopRequested;
    }

    /**
     * Puts the reset channel in its safe state (0 V, output off), configures the write channel and returns a source
     * that makes {@code bitBudget} bits numbered from {@code firstIndex}, or fewer when {@code stopRequested} says so.
     */
    public static ToggleBenchSource start(Bench bench, PulseShape write, Threshold threshold, long firstIndex,
                                          long bitBudget, BooleanSupplier stopRequested) throws InstrumentException {
        if (write.amplitudeVolts() <= 0) {
            throw new IllegalArgumentException("a toggle write pulse must be positive, got " + write.amplitudeVolts()
                    + " V");
        }
        bench.pulse().safeOff(bench.resetChannel());
        PulseShape actualWrite = bench.pulse().configure(bench.writeChannel(), write);
        ToggleBenchSource source = new ToggleBenchSource(bench, threshold, actualWrite, firstIndex + bitBudget,
                stopRequested);
        source.index = firstIndex;
        return source;
    }

    /** A source without a bit budget, for calibration: it ends only when {@code stopRequested} says so. */
    public static ToggleBenchSource start(Bench bench, PulseShape write, Threshold threshold,
                                          BooleanSupplier stopRequested) throws InstrumentException {
        return start(bench, write, threshold, 0, Long.MAX_VALUE, stopRequested);
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws IOException {
        int wanted = (int) Math.min(Math.min(maxBits, PerBitBenchSource.CONFIRM_EVERY_BITS), bitBudget - index);
        // Every read may be ambiguous: bound the pulses so the error check still comes round.
        int maxPulses = 2 * Math.max(wanted, 0) + 2;
        long first = index;
        List<RawRead> reads = new ArrayList<>(Math.max(wanted, 0));
        int now = referenceRead ? state : UNKNOWN;
        boolean tookReference = false;
        int pulses = 0;
        int ambiguous = 0;
        try {
            if (!referenceRead && wanted > 0 && !stopRequested.getAsBoolean()) {
                now = stateOf(bench.smu().readResistanceOhms());
                tookReference = true;
            }
            while (reads.size() < wanted && pulses < maxPulses && !stopRequested.getAsBoolean()) {
                bench.pulse().fire(bench.writeChannel());
                pulses++;
                double ohms = bench.smu().readResistanceOhms();
                int after = stateOf(ohms);
                if (after == UNKNOWN || now == UNKNOWN) {
                    ambiguous++;
                } else {
                    reads.add(new RawRead(first + reads.size(), System.nanoTime() - startNanos,
                            write.amplitudeVolts(), write.widthSeconds(), ohms, after ^ now));
                }
                now = after;
            }
            if (pulses > 0 || tookReference) {
                bench.checkErrors();
            }
        } catch (InstrumentException e) {
            throw failed(e, pulses, reads.size());
        } catch (RuntimeException e) {
            throw failed(e, pulses, reads.size());
        }
        pulsesFired += pulses;
        referenceRead = referenceRead || tookReference;
        state = now;
        if (reads.isEmpty() && pulses == maxPulses) {
            referenceRead = false;
            throw new IOException("toggle source: all " + pulses + " reads fell in the threshold's guard band ("
                    + threshold.guardLowOhms() + " .. " + threshold.guardHighOhms() + " ohm), so no bit could be "
                    + "decided; the junction's two states are no longer apart: check the junction and calibrate again");
        }
        index += reads.size();
        ambiguousBits += ambiguous;
        List<SourceEvent> events = ambiguous == 0 ? List.of()
                : List.of(new SourceEvent(System.nanoTime() - startNanos, "ambiguous", ambiguous, ambiguous
                + " toggle bits undecidable: a read inside the guard band leaves its bit and the next one unknown"));
        return BitBatch.ofReads(first, reads, events);
    }

    /** The reads since the last check may lack their pulse: they go, and the next batch reads a fresh reference. */
    private <T extends Exception> T failed(T failure, int pulses, int bits) {
        referenceRead = false;
        pulsesFired += pulses;
        return DiscardedBits.sinceLastCheck(failure, bits, System.nanoTime() - startNanos);
    }

    private int stateOf(double ohms) {
        return threshold.isAmbiguous(ohms) ? UNKNOWN : threshold.bitOf(ohms);
    }

    /** Write pulses fired so far (confirmed or not): with the reads, what the bits cost. */
    public long pulsesFired() {
        return pulsesFired;
    }

    /** Bits left undecidable by reads inside the guard band, so far. */
    public long ambiguousBits() {
        return ambiguousBits;
    }

    @Override
    public void setWrite(PulseShape newWrite) throws InstrumentException {
        if (newWrite.amplitudeVolts() <= 0) {
            throw new IllegalArgumentException("a toggle write pulse must be positive, got "
                    + newWrite.amplitudeVolts() + " V");
        }
        write = bench.pulse().configure(bench.writeChannel(), newWrite);
    }

    @Override
    public PulseShape write() {
        return write;
    }

    @Override
    public String describe() {
        return "bench toggle: " + bench.pulse().identity().label() + " ch" + bench.writeChannel() + " write "
                + write.amplitudeVolts() + " V / " + write.widthSeconds() + " s, ch" + bench.resetChannel()
                + " off; " + bench.smu().identity().label() + " read, threshold " + threshold.ohms() + " ohm";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.ofBench(bench, "bench toggle (read, write, read; bit = state changed; no reset)",
                write);
    }

    /** Nothing to release: the bench belongs to whoever opened it, and so does its safe state. */
    @Override
    public void close() {
    }
}

package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * The per-bit scheme on a bench of SCPI instruments: reset pulse (to parallel), write pulse, read the resistance,
 * threshold it; the pulse generator fires both channels in one message and confirms with {@code *OPC?}, and the SMU
 * reads once, so a bit costs two round trips. Reads are not checked one by one (that would double the round trips):
 * after at most {@value #CONFIRM_EVERY_BITS} bits, and before a batch is handed out, both instruments are asked for
 * errors ({@code *ESR?} each). A batch is handed out only after a clean check; on an error, or any failure, the reads
 * since the last clean check are discarded, because any of them may have been made without its write pulse, and the
 * failure carries a "discarded" event ({@link DiscardedBits}). A read inside the threshold's guard band is ambiguous:
 * it is counted, reported as one "ambiguous" event per batch, and makes no bit and takes no bit index; the batch fires
 * more pulses to make up its bits, at most {@value #MAX_FIRES_PER_BIT} per bit before it fails.
 */
public final class PerBitBenchSource implements BitSource {
    /** Bits between two error checks: two round trips per check against two per bit, so under 0.4 % more. */
    public static final int CONFIRM_EVERY_BITS = 256;
    /** Pulses a batch may fire per bit it makes before a junction whose reads are all ambiguous is given up on. */
    static final int MAX_FIRES_PER_BIT = 4;

    private final Bench bench;
    private final Threshold threshold;
    private final BooleanSupplier stopRequested;
    private final long startNanos = System.nanoTime();
    private final long bitBudget;
    private PulseShape write;
    private long index;

    private PerBitBenchSource(Bench bench, Threshold threshold, PulseShape write, long bitBudget,
                              BooleanSupplier stopRequested) {
        this.bench = bench;
        this.threshold = threshold;
        this.write = write;
        this.bitBudget = bitBudget;
        this.stopRequested = stopRequested;
    }

    /**
     * Configures both pulse channels for the operating point and returns a source that makes {@code bitBudget} bits
     * (numbered from {@code firstIndex}), or fewer when {@code stopRequested} says so.
     */
    public static PerBitBenchSource start(Bench bench, OperatingPoint point, Threshold threshold, long firstIndex,
                                          long bitBudget, BooleanSupplier stopRequested) throws InstrumentException {
        bench.pulse().configure(bench.resetChannel(), point.reset());
        PulseShape actualWrite = bench.pulse().configure(bench.writeChannel(), point.write());
        PerBitBenchSource source = new PerBitBenchSource(bench, threshold, actualWrite, firstIndex + bitBudget,
                stopRequested);
        source.index = firstIndex;
        return source;
    }

    /** A source without a bit budget, for calibration: it ends only when {@code stopRequested} says so. */
    public static PerBitBenchSource start(Bench bench, OperatingPoint point, Threshold threshold,
                                          BooleanSupplier stopRequested) throws InstrumentException {
        return start(bench, point, threshold, 0, Long.MAX_VALUE, stopRequested);
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws InstrumentException {
        int wanted = (int) Math.min(Math.min(maxBits, CONFIRM_EVERY_BITS), bitBudget - index);
        long first = index;
        List<RawRead> reads = new ArrayList<>(Math.max(wanted, 0));
        long ambiguous = 0;
        long firstAmbiguousNanos = 0;
        // Ambiguous reads take no bit, so a batch may fire more pulses than it makes bits; bounded, so a junction
        // whose every read is ambiguous fails instead of spinning.
        long maxFires = MAX_FIRES_PER_BIT * (long) Math.max(wanted, 0) + CONFIRM_EVERY_BITS;
        try {
            for (long fires = 0; reads.size() < wanted && !stopRequested.getAsBoolean(); fires++) {
                if (fires == maxFires) {
                    throw new InstrumentException("per-bit source: " + ambiguous + " of " + fires + " reads fell "
                            + "inside the guard band " + threshold.guardLowOhms() + " .. "
                            + threshold.guardHighOhms() + " ohm; the junction's levels have moved: recalibrate the "
                            + "threshold");
                }
                bench.pulse().fire(bench.resetChannel(), bench.writeChannel());
                double ohms = bench.smu().readResistanceOhms();
                long now = System.nanoTime() - startNanos;
                if (threshold.isAmbiguous(ohms)) {
                    // As likely one state as the other: counted, never a bit, no bit index.
                    firstAmbiguousNanos = ambiguous == 0 ? now : firstAmbiguousNanos;
                    ambiguous++;
                    continue;
                }
                reads.add(new RawRead(first + reads.size(), now, write.amplitudeVolts(), write.widthSeconds(), ohms,
                        threshold.bitOf(ohms)));
            }
            if (!reads.isEmpty() || ambiguous > 0) {
                bench.checkErrors();
            }
        } catch (InstrumentException e) {
            throw DiscardedBits.sinceLastCheck(e, reads.size(), System.nanoTime() - startNanos);
        } catch (RuntimeException e) {
            throw DiscardedBits.sinceLastCheck(e, reads.size(), System.nanoTime() - startNanos);
        }
        index += reads.size();
        List<SourceEvent> events = ambiguous == 0 ? List.of() : List.of(new SourceEvent(firstAmbiguousNanos,
                "ambiguous", ambiguous, ambiguous + " reads inside the guard band " + threshold.guardLowOhms()
                + " .. " + threshold.guardHighOhms() + " ohm were not made bits"));
        return BitBatch.ofReads(first, reads, events);
    }

    @Override
    public void setWrite(PulseShape newWrite) throws InstrumentException {
        write = bench.pulse().configure(bench.writeChannel(), newWrite);
    }

    @Override
    public PulseShape write() {
        return write;
    }

    @Override
    public String describe() {
        return "bench: " + bench.pulse().identity().label() + " ch" + bench.writeChannel() + " write "
                + write.amplitudeVolts() + " V / " + write.widthSeconds() + " s, ch" + bench.resetChannel()
                + " reset; " + bench.smu().identity().label() + " read, threshold " + threshold.ohms() + " ohm";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.ofBench(bench, "bench per-bit (reset, write, read, threshold)", write);
    }

    /** Nothing to release: the bench belongs to whoever opened it, and so does its safe state. */
    @Override
    public void close() {
    }
}

package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.ExternallyTriggeredPulses.TriggeredPair;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;

/**
 * Bits made in hardware-paced batches: the SMU sends an edge on its trigger line per bit, the pulse generator fires
 * the reset and then the write pulse on that edge, the SMU reads once both have ended, and the host fetches the whole
 * batch in one reply. A batch that comes back short, or after which either instrument reports an error, is discarded
 * whole (its readings cannot be matched to their pulses): the call throws, naming the bits discarded and carrying a
 * "discarded" event ({@link DiscardedBits}); the outputs are put in their safe state at once and the source can make
 * no more batches. Like every {@link BitSource} it ends after its bit budget, or at a batch boundary once a stop is
 * asked for. Reads inside the threshold's guard band are ambiguous: they are left out of the batch (no bit, no bit
 * index) and counted in one "ambiguous" event of the batch, so a batch may hold fewer bits than the hardware read.
 *
 * <p>Timing per bit: after the edge the SMU waits the settle time, then reads. The settle time is the write pulse's
 * end as the generator holds it ({@link TriggeredPair#writeEndSeconds()}) plus a margin (the recipe's, by default
 * {@link #SETTLE_MARGIN_SECONDS}), raised when needed so that settle plus one reading is at least the generator's
 * re-arm time; the period between edges is then max(pulse pair end + margin, settle + reading) as the instruments
 * run it.
 */
public final class PacedBatchSource implements BitSource {
    private static final Logger LOG = LoggerFactory.getLogger(PacedBatchSource.class);
    /**
     * Margin after the write pulse's end before the read starts: the generator's trigger latency and jitter and the
     * SMU's delay from its notify block to the line edge are NOT FOUND in the manuals available, so a generous 1 ms
     * (a few percent of a 1-PLC reading) covers both.
     */
    public static final double SETTLE_MARGIN_SECONDS = 1e-3;
    /** Hardware batches in a row whose reads may all be ambiguous before the source gives up. */
    static final int MAX_ALL_AMBIGUOUS_BATCHES = 4;

    private final Bench bench;
    private final ExternallyTriggeredPulses generator;
    private final PacedReads smu;
    private final PulseShape reset;
    private final Threshold threshold;
    private final ReadBias bias;
    private final int triggerLine;
    private final int batchSize;
    private final Double settleOverrideSeconds;
    private final double settleMarginSeconds;
    private final long bitBudgetEnd;
    private final BooleanSupplier stopRequested;
    private final long startNanos = System.nanoTime();
    private final List<SourceEvent> pending = new ArrayList<>();
    private TriggeredPair pair;
    private double settleSeconds;
    private double readingSeconds;
    private long nextIndex;
    private boolean closed;

    private PacedBatchSource(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias, int triggerLine,
                             int batchSize, Double settleOverrideSeconds, double settleMarginSeconds,
                             long firstIndex, long bitBudget, BooleanSupplier stopRequested) {
        this.settleMarginSeconds = settleMarginSeconds;
        this.nextIndex = firstIndex;
        this.bitBudgetEnd = bitBudget == Long.MAX_VALUE ? Long.MAX_VALUE : firstIndex + bitBudget;
        this.stopRequested = stopRequested;
        this.bench = bench;
        this.generator = (ExternallyTriggeredPulses) bench.pulse();
        this.smu = (PacedReads) bench.smu();
        this.reset = point.reset();
        this.threshold = threshold;
        this.bias = bias;
        this.triggerLine = triggerLine;
        this.batchSize = batchSize;
        this.settleOverrideSeconds = settleOverrideSeconds;
    }

    /**
     * Arms both instruments once for batches of up to {@code batchSize} bits: the read bias on the SMU, the reset and
     * write pulses on the generator's external trigger, the SMU's paced loop on digital line {@code triggerLine}.
     */
    public static PacedBatchSource start(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias,
                                         int triggerLine, int batchSize) throws InstrumentException {
        return start(bench, point, threshold, bias, triggerLine, batchSize, null);
    }

    /**
     * As {@link #start(Bench, OperatingPoint, Threshold, ReadBias, int, int)} with a settle time chosen by the caller;
     * one that would read before the write pulse has ended is refused before the SMU is armed.
     */
    public static PacedBatchSource start(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias,
                                         int triggerLine, int batchSize, Double settleSeconds)
            throws InstrumentException {
        return create(bench, point, threshold, bias, triggerLine, batchSize, settleSeconds, SETTLE_MARGIN_SECONDS, 0,
                Long.MAX_VALUE, () -> false);
    }

    /**
     * A source for a run: bits numbered from {@code firstIndex}, {@code bitBudget} of them (or fewer when
     * {@code stopRequested} says so at a batch boundary), the SMU reading {@code settleMarginSeconds} after the write
     * pulse's end (at least; more when the generator's re-arm time asks for it).
     */
    public static PacedBatchSource start(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias,
                                         int triggerLine, int batchSize, double settleMarginSeconds, long firstIndex,
                                         long bitBudget, BooleanSupplier stopRequested)
            throws InstrumentException {
        return create(bench, point, threshold, bias, triggerLine, batchSize, null, settleMarginSeconds, firstIndex,
                bitBudget, stopRequested);
    }

    private static PacedBatchSource create(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias,
                                           int triggerLine, int batchSize, Double settleSeconds,
                                           double settleMarginSeconds, long firstIndex, long bitBudget,
                                           BooleanSupplier stopRequested) throws InstrumentException {
        AcquisitionScheme.BATCHED.resolve(bench);
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch needs at least one bit, got " + batchSize);
        }
        PacedBatchSource source = new PacedBatchSource(bench, point, threshold, bias, triggerLine, batchSize,
                settleSeconds, settleMarginSeconds, firstIndex, bitBudget, stopRequested);
        try {
            bench.smu().configureRead(bias);
            source.readingSeconds = source.smu.secondsPerReading(bias);
            source.arm(point.write());
        } catch (InstrumentException | RuntimeException e) {
            bench.safeState();
            throw e;
        }
        return source;
    }

    private void arm(PulseShape write) throws InstrumentException {
        // The generator fires on the edge that leads the SMU's trigger pulses, where the SMU's settle time starts.
        pair = generator.armExternalTrigger(bench.resetChannel(), reset, bench.writeChannel(), write,
                smu.leadingEdge());
        double chosen = Math.max(pair.writeEndSeconds() + settleMarginSeconds,
                pair.minimumEdgeIntervalSeconds() - readingSeconds);
        if (settleOverrideSeconds != null) {
            if (settleOverrideSeconds < pair.writeEndSeconds()) {
                throw new InstrumentException("batched source: settle " + settleOverrideSeconds
                        + " s would read before the write pulse ends at " + pair.writeEndSeconds()
                        + " s after the edge; use at least " + chosen + " s");
            }
            chosen = settleOverrideSeconds;
        }
        settleSeconds = chosen;
        smu.armPacedReads(batchSize, triggerLine, settleSeconds);
        LOG.info("batched source armed: write ends {} s after the edge, settle {} s, reading {} s, batch {}",
                pair.writeEndSeconds(), settleSeconds, readingSeconds, batchSize);
    }

    /** The modelled period between two edges: settle plus one reading, never below the generator's re-arm time. */
    public double periodSeconds() {
        return Math.max(pair.minimumEdgeIntervalSeconds(), settleSeconds + readingSeconds);
    }

    /** The settle time in force, seconds from the edge to the read. */
    public double settleSeconds() {
        return settleSeconds;
    }

    /**
     * Runs one hardware batch of up to {@code maxBits} bits (at most the batch size) and returns it with the reads
     * behind each bit. A batch that comes back short or is followed by an instrument error is discarded whole: this
     * throws, naming the bits discarded, after putting the outputs in their safe state; the source is then closed.
     */
    @Override
    public BitBatch nextBatch(int maxBits) throws InstrumentException {
        if (closed) {
            throw new InstrumentException("batched source is closed; start a new one");
        }
        if (maxBits < 1) {
            throw new IllegalArgumentException("maxBits must be positive, got " + maxBits);
        }
        int count = (int) Math.min(Math.min(maxBits, batchSize), bitBudgetEnd - nextIndex);
        if (count < 1 || stopRequested.getAsBoolean()) {
            // The budget is spent or a stop was asked for: the source has ended, with any events still to tell.
            BitBatch end = BitBatch.ofReads(nextIndex, List.of(), pending);
            pending.clear();
            return end;
        }
        List<SourceEvent> events = new ArrayList<>(pending);
        pending.clear();
        List<RawRead> reads = new ArrayList<>(count);
        long ambiguous = 0;
        long firstAmbiguousNanos = 0;
        // A batch whose reads were all ambiguous would look like the end of the source: run another, a few times.
        for (int attempt = 0; reads.isEmpty() && attempt < MAX_ALL_AMBIGUOUS_BATCHES; attempt++) {
            long batchStart = System.nanoTime() - startNanos;
            double[] ohms = runHardwareBatch(count, batchStart);
            long periodNanos = Math.round(periodSeconds() * 1e9);
            PulseShape write = pair.write();
            for (int i = 0; i < count; i++) {
                if (threshold.isAmbiguous(ohms[i])) {
                    // Inside the guard band: as likely one state as the other, never a bit and no bit index.
                    firstAmbiguousNanos = ambiguous == 0 ? batchStart + i * periodNanos : firstAmbiguousNanos;
                    ambiguous++;
                    continue;
                }
                reads.add(new RawRead(nextIndex + reads.size(), batchStart + i * periodNanos, write.amplitudeVolts(),
                        write.widthSeconds(), ohms[i], threshold.bitOf(ohms[i])));
            }
        }
        if (ambiguous > 0) {
            events.add(new SourceEvent(firstAmbiguousNanos, "ambiguous", ambiguous, ambiguous + " reads inside the "
                    + "guard band " + threshold.guardLowOhms() + " .. " + threshold.guardHighOhms()
                    + " ohm were not made bits"));
        }
        if (reads.isEmpty()) {
            closed = true;
            bench.safeState();
            throw new InstrumentException("batched source: every read of " + MAX_ALL_AMBIGUOUS_BATCHES
                    + " batches fell inside the guard band " + threshold.guardLowOhms() + " .. "
                    + threshold.guardHighOhms() + " ohm; the junction's levels have moved: recalibrate the threshold");
        }
        BitBatch batch = BitBatch.ofReads(nextIndex, reads, events);
        nextIndex += reads.size();
        return batch;
    }

    /** One SMU-paced batch of {@code count} reads; a short one or an instrument error discards it and ends the source. */
    private double[] runHardwareBatch(int count, long batchStart)
            throws InstrumentException {
        try {
            smu.armPacedReads(count, triggerLine, settleSeconds);
            double[] ohms = smu.runPacedReads();
            bench.checkErrors();
            return ohms;
        } catch (InstrumentException e) {
            String detail = count + " bits (indexes " + nextIndex + " to " + (nextIndex + count - 1)
                    + ") discarded: " + e.getMessage();
            closed = true;
            bench.safeState();
            InstrumentException failure = new InstrumentException("batched source: batch of " + detail
                    + "; outputs put in their safe state", e);
            throw DiscardedBits.attach(failure, new SourceEvent(batchStart, "discarded", count, detail));
        }
    }

    /** Re-arms the generator with a new write pulse (the settle time follows it). */
    @Override
    public void setWrite(PulseShape write) throws InstrumentException {
        if (closed) {
            throw new InstrumentException("batched source is closed; start a new one");
        }
        try {
            arm(write);
        } catch (InstrumentException | RuntimeException e) {
            closed = true;
            bench.safeState();
            throw e;
        }
    }

    /** The write pulse as the generator holds it. */
    @Override
    public PulseShape write() {
        return pair.write();
    }

    @Override
    public String describe() {
        return "bench batched: " + bench.pulse().identity().label() + " ch" + bench.writeChannel() + " write "
                + pair.write().amplitudeVolts() + " V / " + pair.write().widthSeconds() + " s, ch"
                + bench.resetChannel() + " reset on its external trigger; " + bench.smu().identity().label()
                + " paces batches of " + batchSize + " on digital line " + triggerLine + ", settle " + settleSeconds
                + " s, threshold " + threshold.ohms() + " ohm";
    }

    @Override
    public SourceProvenance provenance() {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        settings.put("pulse", bench.pulse().settings());
        Map<String, Object> smuSettings = new LinkedHashMap<>(bench.smu().settings());
        smuSettings.put("paced_batch_bits", batchSize);
        smuSettings.put("trigger_output_line", triggerLine);
        smuSettings.put("settle_seconds", settleSeconds);
        smuSettings.put("seconds_per_reading", readingSeconds);
        settings.put("smu", smuSettings);
        return SourceProvenance.bench("bench batched (SMU-paced: edge, reset, write, settle, read; one fetch per "
                + "batch)", pair.write(), Map.of("pulse", bench.pulse().identity(), "smu", bench.smu().identity()),
                settings);
    }

    /**
     * Ends the source: it makes no more batches. The outputs are left to the bench's owner, whose run ends in their
     * safe state (a failed batch has already put them there).
     */
    @Override
    public void close() {
        closed = true;
    }
}

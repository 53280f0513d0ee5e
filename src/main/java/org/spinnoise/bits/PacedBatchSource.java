package org.spinnoise.bits;

import java.util.ArrayList;
import java.util.List;
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
 * whole (its readings cannot be matched to their pulses): the call throws, naming the bits discarded, the outputs are
 * put in their safe state and this source is closed.
 *
 * <p>Timing per bit: after the edge the SMU waits the settle time, then reads. The settle time is the write pulse's
 * end as the generator holds it ({@link TriggeredPair#writeEndSeconds()}) plus {@link #SETTLE_MARGIN_SECONDS}, raised
 * when needed so that settle plus one reading is at least the generator's re-arm time; the period between edges is
 * then max(pulse pair end + margin, settle + reading) as the instruments run it.
 */
public final class PacedBatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(PacedBatchSource.class);
    /**
     * Margin after the write pulse's end before the read starts: the generator's trigger latency and jitter and the
     * SMU's delay from its notify block to the line edge are NOT FOUND in the manuals available, so a generous 1 ms
     * (a few percent of a 1-PLC reading) covers both.
     */
    public static final double SETTLE_MARGIN_SECONDS = 1e-3;

    private final Bench bench;
    private final ExternallyTriggeredPulses generator;
    private final PacedReads smu;
    private final PulseShape reset;
    private final Threshold threshold;
    private final ReadBias bias;
    private final int triggerLine;
    private final int batchSize;
    private final Double settleOverrideSeconds;
    private final long startNanos = System.nanoTime();
    private final List<SourceEvent> pending = new ArrayList<>();
    private TriggeredPair pair;
    private double settleSeconds;
    private double readingSeconds;
    private long nextIndex;
    private boolean closed;

    private PacedBatchSource(Bench bench, OperatingPoint point, Threshold threshold, ReadBias bias, int triggerLine,
                             int batchSize, Double settleOverrideSeconds) {
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
        AcquisitionScheme.BATCHED.resolve(bench);
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch needs at least one bit, got " + batchSize);
        }
        PacedBatchSource source = new PacedBatchSource(bench, point, threshold, bias, triggerLine, batchSize,
                settleSeconds);
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
        double chosen = Math.max(pair.writeEndSeconds() + SETTLE_MARGIN_SECONDS,
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
    public BitBatch nextBatch(int maxBits) throws InstrumentException {
        if (closed) {
            throw new InstrumentException("batched source is closed; start a new one");
        }
        int count = Math.min(maxBits, batchSize);
        if (count < 1) {
            throw new IllegalArgumentException("maxBits must be positive, got " + maxBits);
        }
        long batchStart = System.nanoTime() - startNanos;
        double[] ohms;
        try {
            smu.armPacedReads(count, triggerLine, settleSeconds);
            ohms = smu.runPacedReads();
            bench.checkErrors();
        } catch (InstrumentException e) {
            String detail = count + " bits (indexes " + nextIndex + " to " + (nextIndex + count - 1)
                    + ") discarded: " + e.getMessage();
            pending.add(new SourceEvent(batchStart, "discarded", count, detail));
            close();
            throw new InstrumentException("batched source: batch of " + detail + "; outputs put in their safe "
                    + "state", e);
        }
        long periodNanos = Math.round(periodSeconds() * 1e9);
        PulseShape write = pair.write();
        List<RawRead> reads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reads.add(new RawRead(nextIndex + i, batchStart + i * periodNanos, write.amplitudeVolts(),
                    write.widthSeconds(), ohms[i], threshold.bitOf(ohms[i])));
        }
        BitBatch batch = BitBatch.ofReads(nextIndex, reads, pending);
        pending.clear();
        nextIndex += count;
        return batch;
    }

    /** Re-arms the generator with a new write pulse (the settle time follows it). */
    public void setWrite(PulseShape write) throws InstrumentException {
        if (closed) {
            throw new InstrumentException("batched source is closed; start a new one");
        }
        try {
            arm(write);
        } catch (InstrumentException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The write pulse as the generator holds it. */
    public PulseShape write() {
        return pair.write();
    }

    public String describe() {
        return "bench batched: " + bench.pulse().identity().label() + " ch" + bench.writeChannel() + " write "
                + pair.write().amplitudeVolts() + " V / " + pair.write().widthSeconds() + " s, ch"
                + bench.resetChannel() + " reset on its external trigger; " + bench.smu().identity().label()
                + " paces batches of " + batchSize + " on digital line " + triggerLine + ", settle " + settleSeconds
                + " s, threshold " + threshold.ohms() + " ohm";
    }

    /** Puts every output in its safe state; the bench's links stay open for their owner to close. */
    public void close() {
        if (!closed) {
            closed = true;
            bench.safeState();
        }
    }
}

package org.spinnoise.sim;

import java.util.List;
import java.util.function.LongConsumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * The toggle scheme on a simulated junction's physics alone, without instruments: each bit is one pulse (the write
 * amplitude plus a constant read bias, as the bench's bias tee adds it) and whether it toggled the state, as a toggle
 * source on a bench with reads far outside the guard band would report it. It is what the toggle calibration's tests
 * and benchmark run when the instruments' round trips would only cost time: fast enough for 10⁶-bit windows. After
 * every pulse {@code afterPulse} is told the pulse count, so a modelled clock can advance (drift over time).
 */
public final class ModelToggleSource implements BitSource {
    private final MtjJunction junction;
    private final double biasVolts;
    private final LongConsumer afterPulse;
    private PulseShape write;
    private long index;
    private long pulses;

    public ModelToggleSource(MtjJunction junction, PulseShape write, double biasVolts) {
        this(junction, write, biasVolts, n -> { });
    }

    ModelToggleSource(MtjJunction junction, PulseShape write, double biasVolts, LongConsumer afterPulse) {
        this.junction = junction;
        this.write = write;
        this.biasVolts = biasVolts;
        this.afterPulse = afterPulse;
    }

    @Override
    public BitBatch nextBatch(int maxBits) {
        int n = Math.max(maxBits, 0);
        byte[] packed = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (junction.applyPulse(write.amplitudeVolts() + biasVolts, write.widthSeconds())) {
                packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
            }
            afterPulse.accept(++pulses);
        }
        BitBatch batch = new BitBatch(index, n, packed, List.of(), List.of());
        index += n;
        return batch;
    }

    /** Pulses fired so far: one per bit. */
    public long pulses() {
        return pulses;
    }

    @Override
    public void setWrite(PulseShape newWrite) {
        write = newWrite;
    }

    @Override
    public PulseShape write() {
        return write;
    }

    @Override
    public String describe() {
        return "model toggle source (junction physics only): " + write.amplitudeVolts() + " V + " + biasVolts
                + " V bias / " + write.widthSeconds() + " s";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.bench("model toggle (junction physics, no instruments)", write, null, null);
    }

    @Override
    public void close() {
    }
}

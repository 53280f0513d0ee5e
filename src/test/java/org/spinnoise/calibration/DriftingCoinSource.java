package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * A fake source for tracker units: each bit is 1 with the logistic probability of the write amplitude against a V50
 * that drifts by a fixed amount per bit; it records every amplitude it was set to and whether a pause came first.
 */
class DriftingCoinSource implements BitSource {
    final List<Double> amplitudes = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private final SplittableRandom random;
    private final double deltaVolts;
    private final double v50StartVolts;
    private final double driftVoltsPerBit;
    private PulseShape write;
    private long index;

    DriftingCoinSource(double startVolts, double v50StartVolts, double deltaVolts, double driftVoltsPerBit, long seed) {
        this.write = new PulseShape(startVolts, 2e-8);
        this.v50StartVolts = v50StartVolts;
        this.deltaVolts = deltaVolts;
        this.driftVoltsPerBit = driftVoltsPerBit;
        this.random = new SplittableRandom(seed);
        amplitudes.add(startVolts);
    }

    double v50Volts() {
        return v50StartVolts + driftVoltsPerBit * index;
    }

    @Override
    public BitBatch nextBatch(int maxBits) {
        int n = Math.min(maxBits, 1000);
        byte[] packed = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            double p = 1 / (1 + Math.exp(-(write.amplitudeVolts() - v50Volts()) / deltaVolts));
            if (random.nextDouble() < p) {
                packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
            }
            index++;
        }
        BitBatch batch = new BitBatch(index - n, n, packed, List.of(), List.of());
        calls.add("batch");
        return batch;
    }

    @Override
    public void setWrite(PulseShape newWrite) {
        calls.add("setWrite");
        write = newWrite;
        amplitudes.add(newWrite.amplitudeVolts());
    }

    @Override
    public void pause() {
        calls.add("pause");
    }

    @Override
    public PulseShape write() {
        return write;
    }

    @Override
    public String describe() {
        return "drifting coin";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.bench("fake", write, null, null);
    }

    @Override
    public void close() {
    }
}

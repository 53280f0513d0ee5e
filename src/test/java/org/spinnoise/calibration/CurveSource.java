package org.spinnoise.calibration;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * A pure-Java {@link BitSource} whose bits are 1 with a given probability of the write pulse (amplitude, width), in
 * batches of at most 100: a junction without instruments, for sweep tests over many seeds.
 */
final class CurveSource implements BitSource {
    private final SplittableRandom random;
    private final ToDoubleBiFunction<Double, Double> probability;
    private PulseShape write = new PulseShape(0.4, 2e-8);
    private long index;
    private long budget = Long.MAX_VALUE;
    long pulses;

    CurveSource(long seed, ToDoubleBiFunction<Double, Double> probabilityOfAmplitudeAndWidth) {
        this.random = new SplittableRandom(seed);
        this.probability = probabilityOfAmplitudeAndWidth;
    }

    /** A logistic junction whose V50 moves by {@code shiftPerDecade} per decade of width below {@code refWidth}. */
    static CurveSource logistic(long seed, double v50Volts, double deltaVolts, double refWidthSeconds,
                                double shiftPerDecade) {
        return new CurveSource(seed, (v, w) -> 1 / (1 + Math.exp(-(v - v50Volts
                - shiftPerDecade * Math.log10(refWidthSeconds / w)) / deltaVolts)));
    }

    /** This source, ending (empty batches) once it has made {@code bits} bits. */
    CurveSource endingAfter(long bits) {
        budget = bits;
        return this;
    }

    @Override
    public BitBatch nextBatch(int maxBits) {
        int n = (int) Math.min(Math.min(maxBits, 100), budget - index);
        byte[] packed = new byte[(n + 7) / 8];
        double p = probability.applyAsDouble(write.amplitudeVolts(), write.widthSeconds());
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                packed[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
            }
        }
        BitBatch batch = new BitBatch(index, n, packed, List.of(), List.of());
        index += n;
        pulses += n;
        return batch;
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
        return "curve source";
    }

    @Override
    public SourceProvenance provenance() {
        return SourceProvenance.bench("test", write, null, null);
    }

    @Override
    public void close() {
    }
}

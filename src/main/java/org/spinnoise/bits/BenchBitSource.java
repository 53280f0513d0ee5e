package org.spinnoise.bits;

import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * The scheme of one bit on a bench: reset pulse (to parallel), write pulse at the operating point, read the
 * resistance, threshold it. The pulse generator fires both channels in one message and confirms with {@code *OPC?},
 * and the SMU reads once, so a bit costs two round trips.
 */
public final class BenchBitSource implements BitSource {
    private final Bench bench;
    private final Threshold threshold;
    private final PulseShape write;
    private final long startNanos;
    private long index;

    private BenchBitSource(Bench bench, Threshold threshold, PulseShape actualWrite) {
        this.bench = bench;
        this.threshold = threshold;
        this.write = actualWrite;
        this.startNanos = System.nanoTime();
    }

    /** Configures both pulse channels for the operating point and returns a source ready to fire. */
    public static BenchBitSource start(Bench bench, OperatingPoint point, Threshold threshold)
            throws InstrumentException {
        bench.pulse().configure(bench.resetChannel(), point.reset());
        PulseShape actualWrite = bench.pulse().configure(bench.writeChannel(), point.write());
        return new BenchBitSource(bench, threshold, actualWrite);
    }

    @Override
    public RawRead next() throws InstrumentException {
        bench.pulse().fire(bench.resetChannel(), bench.writeChannel());
        double ohms = bench.smu().readResistanceOhms();
        return new RawRead(index++, System.nanoTime() - startNanos, write.amplitudeVolts(), write.widthSeconds(),
                ohms, threshold.bitOf(ohms));
    }

    @Override
    public String describe() {
        return "bench: " + bench.pulse().identity().label() + " ch" + bench.writeChannel() + " write "
                + write.amplitudeVolts() + " V / " + write.widthSeconds() + " s, ch" + bench.resetChannel()
                + " reset; " + bench.smu().identity().label() + " read, threshold " + threshold.ohms() + " ohm";
    }
}

package org.spinnoise.calibration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.Threshold;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * Measures the switching probability against write amplitude on any {@link BitSource}: at each amplitude of the plan
 * the source's write pulse is moved there and the given number of bits taken. Each bit is reset, write, read, so the
 * fraction of ones at an amplitude is the switching probability there. The result is the curve the sigmoid fit turns
 * into V50 and ΔV.
 */
public final class SwitchingSweep {
    private SwitchingSweep() {
    }

    /** Runs the sweep on a bench, bit by bit; every read goes to {@code recorder}, each point to {@code progress}. */
    public static SwitchingCurve run(Bench bench, Threshold threshold, PulseShape reset, SweepPlan plan, long seed,
                                     Consumer<RawRead> recorder, Consumer<SwitchingPoint> progress)
            throws IOException {
        OperatingPoint start = new OperatingPoint(new PulseShape(plan.startVolts(), plan.widthSeconds()), reset);
        try (PerBitBenchSource source = PerBitBenchSource.start(bench, start, threshold, () -> false)) {
            return run(source, plan, seed, batch -> batch.reads().forEach(recorder), progress, () -> false);
        }
    }

    /**
     * Runs the sweep. A point's batches reach {@code recorder} (and the point {@code progress}) only once every bit of
     * the point was confirmed by the source, so a refused trigger fails the sweep instead of bending the curve.
     * {@code stopRequested} is polled before every batch; a stop ends the sweep with a CalibrationException, and so
     * does a source that ends before the sweep is done.
     */
    public static SwitchingCurve run(BitSource source, SweepPlan plan, long seed, Consumer<BitBatch> recorder,
                                     Consumer<SwitchingPoint> progress, BooleanSupplier stopRequested)
            throws IOException {
        List<SwitchingPoint> points = new ArrayList<>();
        List<BitBatch> pointBatches = new ArrayList<>();
        double widthSeconds = plan.widthSeconds();
        for (double amplitudeVolts : plan.visitingOrder(seed)) {
            source.setWrite(new PulseShape(amplitudeVolts, plan.widthSeconds()));
            widthSeconds = source.write().widthSeconds();
            pointBatches.clear();
            long switched = 0;
            int taken = 0;
            while (taken < plan.pulsesPerPoint()) {
                if (stopRequested.getAsBoolean()) {
                    throw new CalibrationException(String.format("switching sweep stopped on request at %.4f V, "
                            + "after %d of %d points", amplitudeVolts, points.size(), plan.points()));
                }
                BitBatch batch = source.nextBatch(plan.pulsesPerPoint() - taken);
                if (batch.bitCount() == 0) {
                    throw new CalibrationException(String.format("switching sweep: %s ended at %.4f V after %d of %d "
                            + "points", source.describe(), amplitudeVolts, points.size(), plan.points()));
                }
                switched += batch.ones();
                taken += batch.bitCount();
                pointBatches.add(batch);
            }
            pointBatches.forEach(recorder);
            SwitchingPoint done = new SwitchingPoint(amplitudeVolts, plan.pulsesPerPoint(), (int) switched);
            points.add(done);
            progress.accept(done);
        }
        points.sort(Comparator.comparingDouble(SwitchingPoint::amplitudeVolts));
        return new SwitchingCurve(widthSeconds, points);
    }
}

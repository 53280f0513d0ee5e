package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.spinnoise.bits.BenchBitSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.Threshold;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * Measures the switching probability against write amplitude: at each amplitude of the plan, reset–write–read
 * the given number of times and count the switches. The result is the curve the sigmoid fit turns into V50 and ΔV.
 */
public final class SwitchingSweep {
    private SwitchingSweep() {
    }

    /**
     * Runs the sweep. Every read goes to {@code recorder}; each finished point goes to {@code progress}.
     */
    public static SwitchingCurve run(Bench bench, Threshold threshold, PulseShape reset, SweepPlan plan, long seed,
                                     Consumer<RawRead> recorder, Consumer<SwitchingPoint> progress)
            throws InstrumentException, CalibrationException {
        return run(bench, threshold, reset, plan, seed, recorder, progress, () -> false);
    }

    /**
     * Runs the sweep. A point's reads reach {@code recorder} (and the point {@code progress}) only once the
     * instruments have confirmed they reported no error while it was measured, so a refused trigger fails the sweep
     * instead of bending the curve. {@code stopRequested} is polled before every pulse; a stop ends the sweep with a
     * CalibrationException.
     */
    public static SwitchingCurve run(Bench bench, Threshold threshold, PulseShape reset, SweepPlan plan, long seed,
                                     Consumer<RawRead> recorder, Consumer<SwitchingPoint> progress,
                                     BooleanSupplier stopRequested) throws InstrumentException, CalibrationException {
        List<SwitchingPoint> points = new ArrayList<>();
        double widthSeconds = plan.widthSeconds();
        List<RawRead> pointReads = new ArrayList<>(plan.pulsesPerPoint());
        for (double amplitudeVolts : plan.visitingOrder(seed)) {
            OperatingPoint point = new OperatingPoint(new PulseShape(amplitudeVolts, plan.widthSeconds()), reset);
            BenchBitSource source = BenchBitSource.start(bench, point, threshold);
            int switched = 0;
            pointReads.clear();
            for (int i = 0; i < plan.pulsesPerPoint(); i++) {
                if (stopRequested.getAsBoolean()) {
                    throw new CalibrationException(String.format("switching sweep stopped on request at %.4f V, "
                            + "after %d of %d points", amplitudeVolts, points.size(), plan.points()));
                }
                RawRead read = source.next();
                switched += read.bit();
                pointReads.add(read);
                widthSeconds = read.writeWidthSeconds();
            }
            bench.checkErrors();
            pointReads.forEach(recorder);
            SwitchingPoint done = new SwitchingPoint(amplitudeVolts, plan.pulsesPerPoint(), switched);
            points.add(done);
            progress.accept(done);
        }
        points.sort(Comparator.comparingDouble(SwitchingPoint::amplitudeVolts));
        return new SwitchingCurve(widthSeconds, points);
    }
}

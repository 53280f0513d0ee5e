package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
            throws InstrumentException {
        List<SwitchingPoint> points = new ArrayList<>();
        double widthSeconds = plan.widthSeconds();
        for (double amplitudeVolts : plan.visitingOrder(seed)) {
            OperatingPoint point = new OperatingPoint(new PulseShape(amplitudeVolts, plan.widthSeconds()), reset);
            BenchBitSource source = BenchBitSource.start(bench, point, threshold);
            int switched = 0;
            for (int i = 0; i < plan.pulsesPerPoint(); i++) {
                RawRead read = source.next();
                switched += read.bit();
                recorder.accept(read);
                widthSeconds = read.writeWidthSeconds();
            }
            SwitchingPoint done = new SwitchingPoint(amplitudeVolts, plan.pulsesPerPoint(), switched);
            points.add(done);
            progress.accept(done);
        }
        points.sort(Comparator.comparingDouble(SwitchingPoint::amplitudeVolts));
        return new SwitchingCurve(widthSeconds, points);
    }
}

package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Binomial switching counts drawn from a known sigmoid, for checking the fit against the truth. */
final class SyntheticSweep {

    private SyntheticSweep() {
    }

    static List<SwitchingPoint> draw(double v50Volts, double deltaVolts, double fromVolts, double toVolts, int amplitudes,
                                     int pulsesPerPoint, SplittableRandom random) {
        List<SwitchingPoint> points = new ArrayList<>(amplitudes);
        for (int i = 0; i < amplitudes; i++) {
            double v = fromVolts + (toVolts - fromVolts) * i / (amplitudes - 1);
            double p = 1 / (1 + Math.exp(-(v - v50Volts) / deltaVolts));
            int switched = 0;
            for (int k = 0; k < pulsesPerPoint; k++) {
                switched += random.nextDouble() < p ? 1 : 0;
            }
            points.add(new SwitchingPoint(v, pulsesPerPoint, switched));
        }
        return points;
    }
}

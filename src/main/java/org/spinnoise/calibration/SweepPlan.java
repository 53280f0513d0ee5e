package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The write amplitudes a switching sweep visits and how many pulses it fires at each. Points are visited in a
 * shuffled order so slow drift during the sweep spreads over all amplitudes instead of tilting the curve.
 */
public record SweepPlan(double startVolts, double stopVolts, int points, int pulsesPerPoint, double widthSeconds) {

    public SweepPlan {
        if (points < 3) {
            throw new IllegalArgumentException("a sweep needs at least 3 points, got " + points);
        }
        if (pulsesPerPoint < 1) {
            throw new IllegalArgumentException("pulses per point must be positive, got " + pulsesPerPoint);
        }
        if (!(widthSeconds > 0) || !Double.isFinite(widthSeconds)) {
            throw new IllegalArgumentException("pulse width must be positive, got " + widthSeconds + " s");
        }
        if (!(startVolts > 0) || !(stopVolts > startVolts)) {
            throw new IllegalArgumentException("sweep must run over positive amplitudes upward, got " + startVolts
                    + " .. " + stopVolts + " V");
        }
    }

    public static SweepPlan linear(double startVolts, double stopVolts, int points, int pulsesPerPoint,
                                   double widthSeconds) {
        return new SweepPlan(startVolts, stopVolts, points, pulsesPerPoint, widthSeconds);
    }

    /** Amplitudes in ascending order. */
    public List<Double> amplitudesVolts() {
        List<Double> out = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            out.add(startVolts + (stopVolts - startVolts) * i / (points - 1));
        }
        return out;
    }

    /** Amplitudes in the order the sweep visits them. */
    public List<Double> visitingOrder(long seed) {
        List<Double> order = amplitudesVolts();
        Collections.shuffle(order, new Random(seed));
        return order;
    }
}

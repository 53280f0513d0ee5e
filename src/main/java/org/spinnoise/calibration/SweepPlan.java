package org.spinnoise.calibration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The write amplitudes a switching sweep visits and how many pulses it fires at each. Points are visited in a
 * shuffled order so slow drift during the sweep spreads over all amplitudes instead of tilting the curve.
 *
 * <p>{@code mode} chooses the sweep: "fixed" (or null, recipes written before the adaptive sweep) fires
 * {@code pulsesPerPoint} at each of {@code points} amplitudes; "adaptive" ({@link AdaptiveSweep}) fires that grid as
 * its coarse pass and spends the rest of its budget of {@code pulses} where the curve is most informative.
 * {@code widthsSeconds} (optional, adaptive only) asks for a width map ({@link WidthMap}): an adaptive sweep at each
 * width, {@code pulses} each, after the sweep at {@code widthSeconds}.
 */
public record SweepPlan(double startVolts, double stopVolts, int points, int pulsesPerPoint, double widthSeconds,
                        String mode, Integer pulses, List<Double> widthsSeconds) {
    public static final String FIXED = "fixed";
    public static final String ADAPTIVE = "adaptive";

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
        mode = mode == null ? FIXED : mode;
        if (!mode.equals(FIXED) && !mode.equals(ADAPTIVE)) {
            throw new IllegalArgumentException("sweep.mode must be \"fixed\" or \"adaptive\", got \"" + mode + "\"");
        }
        if (mode.equals(ADAPTIVE)) {
            if (pulses == null || pulses < 2 * points * pulsesPerPoint) {
                throw new IllegalArgumentException("an adaptive sweep needs sweep.pulses of at least twice its coarse "
                        + "pass (points x pulsesPerPoint = " + points * pulsesPerPoint + "), got " + pulses);
            }
        } else if (pulses != null || widthsSeconds != null) {
            throw new IllegalArgumentException("sweep.pulses and sweep.widthsSeconds need sweep.mode \"adaptive\"");
        }
        if (widthsSeconds != null) {
            if (widthsSeconds.size() < 2) {
                throw new IllegalArgumentException("a width map needs at least 2 widths in sweep.widthsSeconds, got "
                        + widthsSeconds.size());
            }
            for (Double w : widthsSeconds) {
                if (w == null || !(w > 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("sweep.widthsSeconds must be positive, got " + w);
                }
            }
            widthsSeconds = List.copyOf(widthsSeconds);
        }
    }

    /** A fixed-plan sweep. */
    public SweepPlan(double startVolts, double stopVolts, int points, int pulsesPerPoint, double widthSeconds) {
        this(startVolts, stopVolts, points, pulsesPerPoint, widthSeconds, FIXED, null, null);
    }

    public static SweepPlan linear(double startVolts, double stopVolts, int points, int pulsesPerPoint,
                                   double widthSeconds) {
        return new SweepPlan(startVolts, stopVolts, points, pulsesPerPoint, widthSeconds);
    }

    /** An adaptive sweep: a coarse pass of {@code points} x {@code pulsesPerPoint}, {@code pulses} in all. */
    public static SweepPlan adaptive(double startVolts, double stopVolts, int points, int pulsesPerPoint,
                                     double widthSeconds, int pulses) {
        return new SweepPlan(startVolts, stopVolts, points, pulsesPerPoint, widthSeconds, ADAPTIVE, pulses, null);
    }

    @JsonIgnore
    public boolean isAdaptive() {
        return ADAPTIVE.equals(mode);
    }

    /** The same plan at another pulse width. */
    public SweepPlan atWidth(double newWidthSeconds) {
        return new SweepPlan(startVolts, stopVolts, points, pulsesPerPoint, newWidthSeconds, mode, pulses, null);
    }

    /** The same plan asking for a width map over {@code widths}. */
    public SweepPlan withWidths(List<Double> widths) {
        return new SweepPlan(startVolts, stopVolts, points, pulsesPerPoint, widthSeconds, mode, pulses, widths);
    }

    /** Write pulses the sweep at {@code widthSeconds} fires at most (an adaptive sweep may stop early). */
    public long plannedPulses() {
        return isAdaptive() ? pulses : (long) points * pulsesPerPoint;
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

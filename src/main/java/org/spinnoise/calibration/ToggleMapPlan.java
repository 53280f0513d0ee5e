package org.spinnoise.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How the toggle calibration measures a junction that switches by precession: the width × amplitude grid of the
 * toggle map (widths evenly spaced from {@code minWidthSeconds} to {@code maxWidthSeconds}, amplitudes evenly spaced
 * from {@code minVolts} to {@code maxVolts}, {@code pulsesPerCell} toggle trials in each cell), then the amplitude
 * sweeps at the chosen width ({@code amplitudeSweepPoints} amplitudes over the same range, {@code pulsesPerAmplitude}
 * trials each, then as many again over the transition around the first pass's answer). The widths must resolve the precession: several per period, and reaching past its first half turn.
 */
public record ToggleMapPlan(double minWidthSeconds, double maxWidthSeconds, int widthPoints, double minVolts,
                            double maxVolts, int amplitudePoints, int pulsesPerCell, int amplitudeSweepPoints,
                            int pulsesPerAmplitude) {

    public ToggleMapPlan {
        if (!(minWidthSeconds > 0) || !(maxWidthSeconds > minWidthSeconds) || !Double.isFinite(maxWidthSeconds)) {
            throw new IllegalArgumentException("switching.toggle widths must be positive and rise: minWidthSeconds "
                    + minWidthSeconds + ", maxWidthSeconds " + maxWidthSeconds);
        }
        if (widthPoints < 8) {
            throw new IllegalArgumentException("switching.toggle.widthPoints must be at least 8 to resolve an "
                    + "oscillation, got " + widthPoints);
        }
        if (!(minVolts > 0) || !(maxVolts > minVolts) || !Double.isFinite(maxVolts)) {
            throw new IllegalArgumentException("switching.toggle amplitudes must be positive and rise: minVolts "
                    + minVolts + ", maxVolts " + maxVolts);
        }
        if (amplitudePoints < 3 || amplitudeSweepPoints < 4) {
            throw new IllegalArgumentException("switching.toggle needs at least 3 amplitudePoints and 4 "
                    + "amplitudeSweepPoints, got " + amplitudePoints + " and " + amplitudeSweepPoints);
        }
        if (pulsesPerCell < 10 || pulsesPerAmplitude < 10) {
            throw new IllegalArgumentException("switching.toggle needs at least 10 pulsesPerCell and "
                    + "pulsesPerAmplitude, got " + pulsesPerCell + " and " + pulsesPerAmplitude);
        }
    }

    /** The map's widths in ascending order, seconds. */
    public List<Double> widthsSeconds() {
        List<Double> out = new ArrayList<>(widthPoints);
        for (int i = 0; i < widthPoints; i++) {
            out.add(minWidthSeconds + (maxWidthSeconds - minWidthSeconds) * i / (widthPoints - 1));
        }
        return out;
    }

    /** Toggle trials the whole calibration fires (map and both amplitude passes), not counting ambiguous reads. */
    public long pulses() {
        return (long) widthPoints * amplitudePoints * pulsesPerCell
                + 2L * amplitudeSweepPoints * pulsesPerAmplitude;
    }
}

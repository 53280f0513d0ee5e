package org.spinnoise.calibration;

import java.util.List;
import java.util.Objects;

/**
 * A switching sweep at one write-pulse width: the switching counts measured at each amplitude. The list is copied so
 * a curve, once built, cannot change under a fit or a report that holds it.
 *
 * @param widthSeconds write-pulse width, seconds (finite, positive)
 * @param points       the measured amplitudes, in measurement order
 */
public record SwitchingCurve(double widthSeconds, List<SwitchingPoint> points) {

    public SwitchingCurve {
        if (!(widthSeconds > 0) || !Double.isFinite(widthSeconds)) {
            throw new IllegalArgumentException("switching curve pulse width must be positive and finite, got " + widthSeconds + " s");
        }
        points = List.copyOf(Objects.requireNonNull(points, "points"));
    }

    /** Maximum-likelihood sigmoid fit of this curve; see {@link SigmoidFit#fit(List)}. */
    public SigmoidFitResult fit() {
        return SigmoidFit.fit(points);
    }
}

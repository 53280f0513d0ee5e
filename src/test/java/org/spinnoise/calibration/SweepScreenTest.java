package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepScreenTest {

    private static String failureOf(List<SwitchingPoint> points) {
        return assertThrows(IllegalArgumentException.class, () -> SigmoidFit.fit(points)).getMessage();
    }

    @Test
    void allZerosAsksToWidenUpward() {
        String message = failureOf(List.of(new SwitchingPoint(0.50, 100, 0), new SwitchingPoint(0.55, 100, 0)));
        assertTrue(message.contains("never crossed p = 1/2"), message);
        assertTrue(message.contains("widen the sweep upward to above 0.5500 V"), message);
    }

    @Test
    void onlyTheBottomTailAsksToWidenUpward() {
        String message = failureOf(List.of(new SwitchingPoint(0.50, 1000, 3), new SwitchingPoint(0.55, 1000, 15)));
        assertTrue(message.contains("all points below 0.02"), message);
        assertTrue(message.contains("upward to above 0.5500 V"), message);
    }

    @Test
    void allOnesAsksToWidenDownward() {
        String message = failureOf(List.of(new SwitchingPoint(0.70, 100, 100), new SwitchingPoint(0.75, 100, 100)));
        assertTrue(message.contains("all points above 0.98"), message);
        assertTrue(message.contains("widen the sweep downward to below 0.7000 V"), message);
    }

    @Test
    void singleAmplitudeIsRefused() {
        String message = failureOf(List.of(new SwitchingPoint(0.6, 100, 40), new SwitchingPoint(0.6, 100, 60)));
        assertTrue(message.contains("same amplitude 0.6000 V"), message);
    }

    @Test
    void emptySweepIsRefused() {
        assertTrue(failureOf(List.of()).contains("empty sweep"));
    }

    @Test
    void perfectSeparationNamesTheBracket() {
        String message = failureOf(List.of(
                new SwitchingPoint(0.60, 100, 0), new SwitchingPoint(0.61, 100, 0),
                new SwitchingPoint(0.62, 100, 100), new SwitchingPoint(0.63, 100, 100)));
        assertTrue(message.contains("perfectly separated"), message);
        assertTrue(message.contains("between 0.6100 V and 0.6200 V"), message);
    }

    @Test
    void quasiSeparationAtOneMixedAmplitudeNamesItsNeighbours() {
        String message = failureOf(List.of(
                new SwitchingPoint(0.60, 100, 0), new SwitchingPoint(0.61, 100, 40),
                new SwitchingPoint(0.62, 100, 100)));
        assertTrue(message.contains("perfectly separated"), message);
        assertTrue(message.contains("between 0.6000 V and 0.6200 V"), message);
    }

    @Test
    void fallingSeparationIsRecognised() {
        String message = failureOf(List.of(new SwitchingPoint(0.60, 100, 100), new SwitchingPoint(0.62, 100, 0)));
        assertTrue(message.contains("falls with amplitude"), message);
        assertTrue(message.contains("between 0.6000 V and 0.6200 V"), message);
    }

    @Test
    void overlappingOutcomesAreFittable() {
        // One stay above one switch breaks separation: a finite maximum exists.
        SigmoidFitResult fit = SigmoidFit.fit(List.of(
                new SwitchingPoint(0.60, 100, 0), new SwitchingPoint(0.61, 100, 3),
                new SwitchingPoint(0.62, 100, 99), new SwitchingPoint(0.63, 100, 100)));
        assertTrue(fit.v50Volts() > 0.61 && fit.v50Volts() < 0.62, "V50 = " + fit.v50Volts());
    }

    @Test
    void pointValidationRejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new SwitchingPoint(0.6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SwitchingPoint(0.6, 10, 11));
        assertThrows(IllegalArgumentException.class, () -> new SwitchingPoint(0.6, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> new SwitchingPoint(Double.NaN, 10, 1));
        assertEquals(0.3, new SwitchingPoint(0.6, 10, 3).fraction(), 0);
    }

    @Test
    void curveCopiesItsPoints() {
        List<SwitchingPoint> source = new java.util.ArrayList<>(List.of(new SwitchingPoint(0.6, 10, 3)));
        SwitchingCurve curve = new SwitchingCurve(1e-9, source);
        source.clear();
        assertEquals(1, curve.points().size());
        assertThrows(UnsupportedOperationException.class, () -> curve.points().clear());
    }
}

package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {
    private final SweepPlan plan = SweepPlan.linear(0.55, 0.70, 31, 2000, 20e-9);

    @Test
    void amplitudesAreEvenlySpacedFromStartToStop() {
        List<Double> a = plan.amplitudesVolts();
        assertEquals(31, a.size());
        assertEquals(0.55, a.get(0), 0);
        assertEquals(0.70, a.get(30), 1e-15);
        for (int i = 1; i < a.size(); i++) {
            assertEquals(0.005, a.get(i) - a.get(i - 1), 1e-12);
        }
    }

    @Test
    void visitingOrderIsAPermutationStableForItsSeed() {
        List<Double> order = plan.visitingOrder(42);
        List<Double> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(plan.amplitudesVolts(), sorted);
        assertEquals(order, plan.visitingOrder(42));
        assertNotEquals(plan.amplitudesVolts(), order);
        assertNotEquals(order, plan.visitingOrder(43));
    }

    @Test
    void badPlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0.55, 0.70, 2, 10, 20e-9));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0.55, 0.70, 5, 0, 20e-9));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0.70, 0.55, 5, 10, 20e-9));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0, 0.55, 5, 10, 20e-9));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0.55, 0.70, 5, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.linear(0.55, 0.70, 5, 10, Double.NaN));
    }
}

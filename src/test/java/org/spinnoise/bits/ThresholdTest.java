package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void equalNoiseGivesTheMidpoint() {
        Threshold t = Threshold.between(1000, 10, 2000, 10);
        assertEquals(1500, t.ohms(), 1e-9);
        assertEquals(50, t.marginSigmas(), 1e-12);
        assertEquals(1.0, t.tmr(), 1e-12);
    }

    @Test
    void unequalNoiseLeavesTheSameNumberOfSigmasOnEachSide() {
        Threshold t = Threshold.between(1000, 10, 2000, 30);
        assertEquals(1250, t.ohms(), 1e-9);
        double fromParallel = (t.ohms() - 1000) / 10;
        double fromAntiparallel = (2000 - t.ohms()) / 30;
        assertEquals(fromParallel, fromAntiparallel, 1e-12);
        assertEquals(fromParallel, t.marginSigmas(), 1e-12);
    }

    @Test
    void noiselessStatesSplitAtTheMidpointWithInfiniteMargin() {
        Threshold t = Threshold.between(1000, 0, 2000, 0);
        assertEquals(1500, t.ohms(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, t.marginSigmas());
    }

    @Test
    void bitIsOneOnlyAboveTheThreshold() {
        Threshold t = Threshold.between(1000, 10, 2000, 10);
        assertEquals(0, t.bitOf(1000));
        assertEquals(0, t.bitOf(1500));
        assertEquals(1, t.bitOf(Math.nextUp(1500.0)));
        assertEquals(1, t.bitOf(2100));
        assertEquals(0, t.bitOf(0));
    }
}

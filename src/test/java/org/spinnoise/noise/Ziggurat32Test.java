package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ziggurat32Test {
    private static final ZigguratLayers LAYERS = Ziggurat32.LAYERS_1024;
    /** Bits 10–31: the signed field; complementing them negates the odd integer. */
    private static final int FIELD = 0xffff_fc00;

    /** 1024 layers of equal area that close at the top of the curve, like the 256 of float64. */
    @Test
    void layersHaveEqualAreasAndCloseAtTheTop() {
        assertEquals(1024, LAYERS.count);
        // The base layer's area rests on the continued fraction for the tail: check it by Simpson's rule.
        double tail = simpson(LAYERS.r, LAYERS.r + 12, 20_000);
        assertEquals(tail, ZigguratLayers.tailArea(LAYERS.r), tail * 1e-10);
        for (int i = 1; i < LAYERS.count; i++) {
            double area = LAYERS.x[i] * (LAYERS.f[i + 1] - LAYERS.f[i]);
            assertEquals(LAYERS.v, area, LAYERS.v * 1e-9, "layer " + i);
            assertTrue(LAYERS.x[i + 1] < LAYERS.x[i], "edges decrease at " + i);
        }
        assertEquals(0.00428, LAYERS.rectangleMissRate(), 0.00005);
        assertTrue(LAYERS.r > Ziggurat.R, "more layers start the tail further out: " + LAYERS.r);
    }

    /** ∫ exp(-t²/2) dt over [a, b] by Simpson's rule with {@code intervals} (even) intervals. */
    private static double simpson(double a, double b, int intervals) {
        double h = (b - a) / intervals;
        double sum = ZigguratLayers.density(a) + ZigguratLayers.density(b);
        for (int k = 1; k < intervals; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * ZigguratLayers.density(a + k * h);
        }
        return sum * h / 3;
    }

    /** Layer i's bound accepts exactly the odd integers whose grid point lies below x[i+1] (checked exactly). */
    @Test
    void theRectangleBoundIsExactForTheGrid() {
        BigDecimal scale = new BigDecimal(0x1.0p-22);
        for (int i = 0; i < LAYERS.count; i++) {
            int bound = Ziggurat32.ACCEPT[i];
            BigDecimal cell = new BigDecimal(LAYERS.x[i]).multiply(scale);
            BigDecimal edge = new BigDecimal(LAYERS.x[i + 1]);
            int lastIn = (bound - 1) | 1;
            if (lastIn >= bound) {
                lastIn -= 2;
            }
            if (lastIn > 0) {
                assertTrue(cell.multiply(BigDecimal.valueOf(lastIn)).compareTo(edge) < 0, "layer " + i + " in");
            }
            assertTrue(cell.multiply(BigDecimal.valueOf(bound | 1)).compareTo(edge) >= 0, "layer " + i + " out");
        }
        assertEquals(0, Ziggurat32.ACCEPT[LAYERS.count - 1], "the top layer is all wedge");
    }

    /**
     * Complementing bits 10–31 negates a rectangle or tail sample exactly: the grid has no zero and no extra point on
     * either side. (A wedge rejection starts afresh from the next word, which is not complemented.)
     */
    @Test
    void rectangleAndTailSamplesAreSymmetricToTheLastBit() {
        SplittableRandom random = new SplittableRandom(8);
        int checked = 0;
        for (int k = 0; k < 200_000; k++) {
            int bits = random.nextInt();
            long seed = random.nextLong();
            if ((bits & (LAYERS.count - 1)) != 0 && Ziggurat32.missesRectangle(bits)) {
                continue;
            }
            checked++;
            SplittableRandom a = new SplittableRandom(seed);
            SplittableRandom b = new SplittableRandom(seed);
            float plus = Ziggurat32.sample(bits, a::nextLong);
            float minus = Ziggurat32.sample(bits ^ FIELD, b::nextLong);
            assertEquals(-plus, minus, "bits " + Integer.toHexString(bits));
            assertTrue(plus != 0);
        }
        assertTrue(checked > 195_000, "checked " + checked);
    }

    @Test
    void baseLayerBeyondTheRectangleDrawsFromTheTail() {
        SplittableRandom random = new SplittableRandom(3);
        // Layer 0, largest positive odd integer: x = x[0]·(1 - 2^-22) > r, so the tail method must run.
        int bits = 0x7fff_fc00;
        for (int k = 0; k < 1000; k++) {
            assertTrue(Ziggurat32.sample(bits, random::nextLong) > LAYERS.r);
        }
        assertTrue(Ziggurat32.sample(0x8000_0000, random::nextLong) < -LAYERS.r, "bit 31 is the sign");
    }

    /** Tail samples are as frequent as N(0, 1) says, and the rectangle test misses as often as the layers say. */
    @Test
    void tailAndMissFrequenciesMatchTheNormal() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 8_000_000;
        int beyond = 0;
        int misses = 0;
        for (int k = 0; k < n; k++) {
            int bits = random.nextInt();
            misses += Ziggurat32.missesRectangle(bits) ? 1 : 0;
            if (Math.abs(Ziggurat32.sample(bits, random::nextLong)) > LAYERS.r) {
                beyond++;
            }
        }
        double expected = n * 2 * ZigguratLayers.tailArea(LAYERS.r) / Math.sqrt(2 * Math.PI);
        // About 430 expected: five binomial standard deviations either way.
        assertEquals(expected, beyond, 5 * Math.sqrt(expected));
        double missRate = LAYERS.rectangleMissRate();
        assertEquals(n * missRate, misses, 5 * Math.sqrt(n * missRate));
    }
}

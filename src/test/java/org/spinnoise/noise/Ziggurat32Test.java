package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ziggurat32Test {

    /** Layer i's bound accepts exactly the odd integers whose grid point lies below X[i+1] (checked exactly). */
    @Test
    void theRectangleBoundIsExactForTheGrid() {
        BigDecimal scale = new BigDecimal(0x1.0p-24);
        for (int i = 0; i < Ziggurat.LAYERS; i++) {
            int bound = Ziggurat32.ACCEPT[i];
            BigDecimal width = new BigDecimal(Ziggurat.X[i]).multiply(scale);
            BigDecimal edge = new BigDecimal(Ziggurat.X[i + 1]);
            int lastIn = (bound - 1) | 1;
            if (lastIn >= bound) {
                lastIn -= 2;
            }
            int firstOut = bound | 1;
            if (lastIn > 0) {
                assertTrue(width.multiply(BigDecimal.valueOf(lastIn)).compareTo(edge) < 0, "layer " + i + " in");
            }
            assertTrue(width.multiply(BigDecimal.valueOf(firstOut)).compareTo(edge) >= 0, "layer " + i + " out");
        }
        assertEquals(0, Ziggurat32.ACCEPT[Ziggurat.LAYERS - 1], "the top layer is all wedge");
    }

    /**
     * Complementing bits 8–31 negates a rectangle or tail sample exactly: the grid has no zero and no extra point on
     * either side. (A wedge rejection starts afresh from the next word, which is not complemented.)
     */
    @Test
    void rectangleAndTailSamplesAreSymmetricToTheLastBit() {
        SplittableRandom random = new SplittableRandom(8);
        int checked = 0;
        for (int k = 0; k < 200_000; k++) {
            int bits = random.nextInt();
            long seed = random.nextLong();
            boolean wedge = (bits & 0xff) != 0 && Math.abs((bits >> 7) | 1) >= Ziggurat32.ACCEPT[bits & 0xff];
            if (wedge) {
                continue;
            }
            checked++;
            SplittableRandom a = new SplittableRandom(seed);
            SplittableRandom b = new SplittableRandom(seed);
            float plus = Ziggurat32.sample(bits, a::nextLong);
            float minus = Ziggurat32.sample(bits ^ 0xffff_ff00, b::nextLong);
            assertEquals(-plus, minus, "bits " + Integer.toHexString(bits));
            assertTrue(plus != 0);
        }
        assertTrue(checked > 190_000, "checked " + checked);
    }

    @Test
    void baseLayerBeyondTheRectangleDrawsFromTheTail() {
        SplittableRandom random = new SplittableRandom(3);
        // Layer 0, largest positive odd integer: x = X[0]·(1 - 2^-24) > R, so the tail method must run.
        int bits = 0x7fff_ff00;
        for (int k = 0; k < 1000; k++) {
            assertTrue(Ziggurat32.sample(bits, random::nextLong) > Ziggurat.R);
        }
        assertTrue(Ziggurat32.sample(0x8000_0000, random::nextLong) < -Ziggurat.R, "bit 31 is the sign");
    }

    /** Samples in the tail are as frequent as N(0, 1) says, and the rectangle test fails as often as the layers say. */
    @Test
    void tailAndMissFrequenciesMatchTheNormal() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 4_000_000;
        int beyond = 0;
        int misses = 0;
        for (int k = 0; k < n; k++) {
            int bits = random.nextInt();
            misses += Math.abs((bits >> 7) | 1) >= Ziggurat32.ACCEPT[bits & 0xff] ? 1 : 0;
            if (Math.abs(Ziggurat32.sample(bits, random::nextLong)) > Ziggurat.R) {
                beyond++;
            }
        }
        double expected = n * 2 * Ziggurat.tailArea(Ziggurat.R) / Math.sqrt(2 * Math.PI);
        assertEquals(expected, beyond, 5 * Math.sqrt(expected));
        double missRate = 0;
        for (int i = 0; i < Ziggurat.LAYERS; i++) {
            missRate += (1 - Ziggurat.X[i + 1] / Ziggurat.X[i]) / Ziggurat.LAYERS;
        }
        assertEquals(n * missRate, misses, 5 * Math.sqrt(n * missRate));
    }
}

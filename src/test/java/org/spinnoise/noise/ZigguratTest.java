package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZigguratTest {

    @Test
    void layersMatchMarsagliaAndTsangsConstantsAndHaveEqualAreas() {
        // Published for 256 layers: r = 3.6541528853610088 (Marsaglia and Tsang, 2000; 3.65415288536100879635...
        // in later high-precision tables); v from that r with mpmath at 30 digits: r·f(r) + sqrt(π/2)·erfc(r/√2)
        // = 0.004928673233974654931... (the paper prints 4.92867323399e-3, rounded).
        assertEquals(3.6541528853610088, Ziggurat.R, 1e-14);
        assertEquals(0.004928673233974654931, Ziggurat.V, 1e-17);
        for (int i = 1; i < Ziggurat.LAYERS; i++) {
            double area = Ziggurat.X[i] * (Ziggurat.F[i + 1] - Ziggurat.F[i]);
            assertEquals(Ziggurat.V, area, Ziggurat.V * 1e-12, "layer " + i);
            assertTrue(Ziggurat.X[i + 1] < Ziggurat.X[i], "edges decrease at " + i);
        }
    }

    @Test
    void tailAreaMatchesAHighPrecisionValue() {
        // ∫_3^∞ exp(-t²/2) dt = sqrt(2π)·Q(3) = 2.506628274631000502·0.001349898031630094527 (mpmath, 30 digits).
        assertEquals(2.506628274631000502 * 0.001349898031630094527, ZigguratLayers.tailArea(3.0), 1e-18);
    }

    @Test
    void baseLayerBeyondTheRectangleDrawsFromTheTail() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        // Layer 0 with the largest positive uniform: x = X[0]·(1 - 2^-55) > R, so the tail method must run.
        long word = 0x7fff_ffff_ffff_ff00L;
        for (int k = 0; k < 1000; k++) {
            double z = Ziggurat.sample(word, random::nextLong);
            assertTrue(z > Ziggurat.R, "tail sample " + z);
        }
        assertTrue(Ziggurat.sample(0x8000_0000_0000_0100L, random::nextLong) < -Ziggurat.R, "bit 63 is the sign");
    }

    /** Samples in the tail are as frequent as N(0, 1) says: P(|z| > R) = 2·Q(R) ≈ 2.58e-4. */
    @Test
    void tailFrequencyMatchesTheNormal() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        int n = 4_000_000;
        int beyond = 0;
        for (int k = 0; k < n; k++) {
            if (Math.abs(Ziggurat.sample(random.nextLong(), random::nextLong)) > Ziggurat.R) {
                beyond++;
            }
        }
        double expected = n * 2 * ZigguratLayers.tailArea(Ziggurat.R) / Math.sqrt(2 * Math.PI);
        // Binomial standard deviation sqrt(1032) ≈ 32; allow 5 of them.
        assertEquals(expected, beyond, 5 * Math.sqrt(expected));
    }
}

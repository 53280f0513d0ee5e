package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthTestCutoffsTest {

    private static double twoToMinus(int bits) {
        return Math.scalb(1.0, -bits);
    }

    @Test
    void repetitionCountMatchesPublishedValues() {
        // SP 800-90B §4.4.1 example: α = 2^-20, H = 1 → C = 21.
        assertEquals(21, HealthTestCutoffs.repetitionCount(1, twoToMinus(20)));
        // Go crypto/internal/entropy (SP 800-90B source): α = 2^-20, H = 0.5 → C = 41.
        assertEquals(41, HealthTestCutoffs.repetitionCount(0.5, twoToMinus(20)));
        // Linux jitterentropy: "RCT cutoff value is equal to 31" for α = 2^-30, H = 1; 61 for α = 2^-60.
        assertEquals(31, HealthTestCutoffs.repetitionCount(1, twoToMinus(30)));
        assertEquals(61, HealthTestCutoffs.repetitionCount(1, twoToMinus(60)));
    }

    @Test
    void repetitionCountIsExactForReciprocalEntropies() {
        // H = 1/k makes −log2(α)/H an integer that floating point lands just beside (e.g. 20 / 0.2).
        for (int k = 1; k <= 16; k++) {
            for (int bits : new int[] {20, 30, 40, 64}) {
                assertEquals(1 + bits * k, HealthTestCutoffs.repetitionCount(1.0 / k, twoToMinus(bits)), "k=" + k + " a=" + bits);
            }
        }
        assertEquals(101, HealthTestCutoffs.repetitionCount(0.2, twoToMinus(20)));
        // Non-integer quotient rounds up: 20 / 0.3 = 66.7 → 67.
        assertEquals(68, HealthTestCutoffs.repetitionCount(0.3, twoToMinus(20)));
        assertEquals(1 + (int) Math.ceil(-Math.log(1e-6) / Math.log(2) / 0.7), HealthTestCutoffs.repetitionCount(0.7, 1e-6));
    }

    @Test
    void adaptiveProportionMatchesPublishedValues() {
        // SP 800-90B §4.4.2, binary: α = 2^-20, W = 1024, H = 1 → C = 589.
        assertEquals(589, HealthTestCutoffs.adaptiveProportion(1, twoToMinus(20), HealthTestCutoffs.BINARY_WINDOW));
        // Go crypto/internal/entropy: W = 512, H = 0.5, α = 2^-20 → C = 410.
        assertEquals(410, HealthTestCutoffs.adaptiveProportion(0.5, twoToMinus(20), HealthTestCutoffs.NON_BINARY_WINDOW));
        // Nordic nRF54L datasheet: W = 512, H = 8, α = 2^-20 → C = 13.
        assertEquals(13, HealthTestCutoffs.adaptiveProportion(8, twoToMinus(20), HealthTestCutoffs.NON_BINARY_WINDOW));
        // Linux jitterentropy (before its 2023 correction): W = 512, H = 1, α = 2^-30 → 325.
        assertEquals(325, HealthTestCutoffs.adaptiveProportion(1, twoToMinus(30), HealthTestCutoffs.NON_BINARY_WINDOW));
    }

    @Test
    void adaptiveProportionIsTheExactCriticalValueForTinyAlpha() {
        // Exact rational check of the defining property: P(X ≥ C) ≤ α < P(X ≥ C − 1), for p = 1/2 and p = 1/4.
        for (int window : new int[] {HealthTestCutoffs.BINARY_WINDOW, HealthTestCutoffs.NON_BINARY_WINDOW}) {
            for (int entropyBits = 1; entropyBits <= 2; entropyBits++) {
                for (int alphaBits : new int[] {20, 30, 40, 60}) {
                    int c = HealthTestCutoffs.adaptiveProportion(entropyBits, twoToMinus(alphaBits), window);
                    long den = 1L << entropyBits;
                    String where = "W=" + window + " H=" + entropyBits + " α=2^-" + alphaBits + " C=" + c;
                    assertTrue(ExactBinomial.upperTailAtMost(window, 1, den, c, alphaBits), where);
                    assertFalse(ExactBinomial.upperTailAtMost(window, 1, den, c - 1, alphaBits), where);
                }
            }
        }
        // The binary values at smaller α, so a reader can compare with other tables.
        assertEquals(609, HealthTestCutoffs.adaptiveProportion(1, twoToMinus(30), HealthTestCutoffs.BINARY_WINDOW));
        assertEquals(625, HealthTestCutoffs.adaptiveProportion(1, twoToMinus(40), HealthTestCutoffs.BINARY_WINDOW));
    }

    @Test
    void adaptiveProportionThatCouldNeverFailIsRefused() {
        // H = 0.01: even W identical bits happen with probability 2^-10.24 > 2^-20.
        String message = assertThrows(IllegalArgumentException.class,
                () -> HealthTestCutoffs.adaptiveProportion(0.01, twoToMinus(20), 1024)).getMessage();
        assertTrue(message.contains("could never fail"), message);
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.repetitionCount(0, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.repetitionCount(Double.NaN, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.repetitionCount(1, 0));
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.repetitionCount(1, 1));
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.adaptiveProportion(1, 1e-6, 1));
        assertThrows(IllegalArgumentException.class, () -> HealthTestCutoffs.repetitionCount(1e-12, 1e-6));
    }
}

package org.spinnoise.entropy.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionedEntropyTest {

    /** The §3.1.5.1.2 formula evaluated directly in doubles, fine while 2^n_in fits. */
    private static double direct(int nIn, int nOut, int nW, double hIn) {
        double pHigh = Math.pow(2, -hIn);
        double pLow = (1 - pHigh) / (Math.pow(2, nIn) - 1);
        int n = Math.min(nOut, nW);
        double spread = Math.pow(2, nIn - n);
        double psi = spread * pLow + pHigh;
        double u = spread + Math.sqrt(2 * n * spread * Math.log(2));
        double omega = u * pLow;
        return -Math.log(Math.max(psi, omega)) / Math.log(2);
    }

    @Test
    void handValueForTwoBitsInOneBitOut() {
        // P_high = 1/2, P_low = 1/6, ψ = 2/6 + 1/2 = 5/6, ω = (2 + √(4 ln 2))/6 ≈ 0.611: h_out = log2(6/5).
        assertEquals(Math.log(1.2) / Math.log(2), ConditionedEntropy.outputEntropyBits(2, 1, 1, 1.0), 1e-15);
    }

    @Test
    void logSpaceAgreesWithTheDirectFormulaWhereDoublesSuffice() {
        for (int nIn : new int[] {1, 4, 16, 64, 300, 900}) {
            for (int nOut : new int[] {1, 8, 64, 256}) {
                for (double fraction : new double[] {0.01, 0.3, 0.9, 1.0}) {
                    double hIn = nIn * fraction;
                    double expected = direct(nIn, nOut, 256, hIn);
                    assertEquals(expected, ConditionedEntropy.outputEntropyBits(nIn, nOut, 256, hIn),
                            1e-9 * Math.max(1, expected), () -> nIn + " in, " + nOut + " out, h_in " + hIn);
                }
            }
        }
    }

    @Test
    void littleInputEntropyPassesThrough() {
        assertEquals(100, ConditionedEntropy.outputEntropyBits(1024, 256, 256, 100), 1e-12);
        assertEquals(200, ConditionedEntropy.outputEntropyBits(8192, 256, 256, 200), 1e-12);
        assertEquals(0, ConditionedEntropy.outputEntropyBits(8192, 256, 256, 0));
    }

    @Test
    void sixtyFourExtraBitsGiveFullEntropyWithinAFewBillionths() {
        double hOut = ConditionedEntropy.outputEntropyBits(320, 256, 256, 320);
        // ω dominates: 256 − log2(1 + √(512 ln 2)·2^−32) ≈ 256 − 6.3·10^−9.
        assertEquals(256 - Math.log1p(Math.sqrt(512 * Math.log(2)) * Math.scalb(1.0, -32)) / Math.log(2), hOut, 1e-12);
        assertTrue(256 - hOut < Math.scalb(1.0, -27), "h_out " + hOut);
        assertTrue(ConditionedEntropy.isFullEntropy(320, 256));
        assertFalse(ConditionedEntropy.isFullEntropy(319.5, 256));
    }

    @Test
    void thousandsOfInputBitsStayFiniteAndMonotone() {
        double previous = 0;
        for (double hIn = 50; hIn <= 6000; hIn += 50) {
            double hOut = ConditionedEntropy.outputEntropyBits(6000, 256, 256, hIn);
            assertTrue(Double.isFinite(hOut) && hOut >= previous - 1e-12 && hOut <= 256, "h_in " + hIn + ": " + hOut);
            previous = hOut;
        }
        assertEquals(256, previous, 1e-6);
        // The narrowest width caps the output: a 128-bit internal state cannot emit more than 128 bits.
        assertEquals(128, ConditionedEntropy.outputEntropyBits(4096, 256, 128, 4000), 1e-6);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> ConditionedEntropy.outputEntropyBits(0, 256, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> ConditionedEntropy.outputEntropyBits(100, 256, 256, 101));
        assertThrows(IllegalArgumentException.class, () -> ConditionedEntropy.outputEntropyBits(100, 256, 256, -1));
        assertThrows(IllegalArgumentException.class, () -> ConditionedEntropy.outputEntropyBits(100, 256, 256, Double.NaN));
    }
}

package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdaptiveProportionTestTest {

    @Test
    void referenceCountsItselfAndTheCutoffthOccurrenceFails() {
        AdaptiveProportionTest test = new AdaptiveProportionTest(10, 4);
        assertTrue(test.accept(1)); // reference, count 1
        assertTrue(test.accept(0));
        assertTrue(test.accept(1)); // 2
        assertTrue(test.accept(1)); // 3
        assertFalse(test.accept(1)); // 4 = cutoff
        assertTrue(test.accept(1)); // 5: the window already failed once
        assertTrue(test.accept(0));
        assertEquals(1, test.failures());
        assertEquals(5, test.maxCountSeen());
    }

    @Test
    void oneShortOfTheCutoffPasses() {
        AdaptiveProportionTest test = new AdaptiveProportionTest(10, 4);
        int[] window = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
        for (int sample : window) {
            assertTrue(test.accept(sample));
        }
        assertEquals(1, test.windowsCompleted());
        assertEquals(0, test.failures());
        assertEquals(3, test.maxCountSeen());
    }

    @Test
    void eachWindowTakesItsOwnReference() {
        AdaptiveProportionTest test = new AdaptiveProportionTest(4, 3);
        // Window 1: reference 0 appears twice. Window 2: reference 1 appears three times → fails on its last sample.
        int[] samples = {0, 1, 0, 1, 1, 0, 1, 1};
        boolean[] expected = {true, true, true, true, true, true, true, false};
        for (int i = 0; i < samples.length; i++) {
            assertEquals(expected[i], test.accept(samples[i]), "sample " + i);
        }
        assertEquals(2, test.windowsCompleted());
    }

    @Test
    void stuckSourceFailsOncePerWindowAtTheCutoff() {
        AdaptiveProportionTest test = AdaptiveProportionTest.forEntropy(1, Math.scalb(1.0, -20), HealthTestCutoffs.BINARY_WINDOW);
        assertEquals(589, test.cutoff());
        for (int window = 0; window < 3; window++) {
            for (int i = 1; i <= HealthTestCutoffs.BINARY_WINDOW; i++) {
                assertEquals(i != 589, test.accept(0), "window " + window + " sample " + i);
            }
        }
        assertEquals(3, test.failures());
        assertEquals(3, test.windowsCompleted());
        assertEquals(HealthTestCutoffs.BINARY_WINDOW, test.maxCountSeen());
    }

    @Test
    void detectionRateOfABiasJumpMatchesTheBinomialTail() {
        // H = 1, α = 2^-30, W = 1024 → C = 609. A source with p(1) = 0.6 fails a window when its reference is 1 and
        // 608 of the other 1023 bits are 1, or its reference is 0 and 608 of them are 0.
        AdaptiveProportionTest test = AdaptiveProportionTest.forEntropy(1, Math.scalb(1.0, -30), HealthTestCutoffs.BINARY_WINDOW);
        int c = test.cutoff();
        assertEquals(609, c);
        double perWindow = 0.6 * ExactBinomial.upperTail(1023, 3, 5, c - 1) + 0.4 * ExactBinomial.upperTail(1023, 2, 5, c - 1);
        assertTrue(perWindow > 0.3 && perWindow < 0.5, "per-window detection " + perWindow);

        SplittableRandom random = new SplittableRandom(5);
        int windows = 4_000;
        for (long i = 0; i < (long) windows * HealthTestCutoffs.BINARY_WINDOW; i++) {
            test.accept(random.nextDouble() < 0.6 ? 1 : 0);
        }
        assertEquals(windows, test.windowsCompleted());
        double observed = (double) test.failures() / windows;
        // Failures are Binomial(4000, perWindow) when the test is right: allow 4 standard deviations (±0.031).
        double tolerance = 4 * Math.sqrt(perWindow * (1 - perWindow) / windows);
        assertEquals(perWindow, observed, tolerance, "observed per-window detection rate");
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveProportionTest(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveProportionTest(10, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveProportionTest(10, 11));
    }

    @Test
    void resetStartsANewWindow() {
        AdaptiveProportionTest test = new AdaptiveProportionTest(4, 3);
        test.accept(1);
        test.accept(1);
        test.reset();
        assertTrue(test.accept(0));
        assertTrue(test.accept(1));
        assertTrue(test.accept(0));
        assertFalse(test.accept(0));
        assertEquals(new HealthTestReport("adaptive proportion", 3, 4, 1, 3), test.report());
    }
}

package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    @Test
    void alphaBarIsTheRunningProductOfOneMinusBeta() {
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(1000), NoiseSchedule.cosine(1000)}) {
            double logSum = 0;
            for (int t = 0; t < s.steps(); t++) {
                logSum += Math.log1p(-s.beta(t));
                assertEquals(Math.exp(logSum), s.alphaBar(t), 1e-12 * Math.exp(logSum) + 1e-300, s + " t=" + t);
            }
            assertEquals(1.0, s.alphaBar(-1));
        }
    }

    @Test
    void linearScheduleMatchesTheDdpmPaperValues() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        assertEquals(1e-4, s.beta(0), 1e-15);
        assertEquals(0.02, s.beta(999), 1e-15);
        // ᾱ at the last step of Ho et al.'s schedule, as published implementations print it.
        assertEquals(4.0358e-5, s.alphaBar(999), 1e-9);
        NoiseSchedule short100 = NoiseSchedule.linear(100);
        assertEquals(1e-3, short100.beta(0), 1e-15);
        assertEquals(0.2, short100.beta(99), 1e-15);
    }

    @Test
    void posteriorVarianceAndMeanMatchTheProductOfTheTwoGaussians() {
        // q(x_{t-1} | x_t, x_0) ∝ N(x_t; √α_t x_{t-1}, β_t) · N(x_{t-1}; √ᾱ_{t-1} x_0, 1 − ᾱ_{t-1}):
        // precision α_t/β_t + 1/(1 − ᾱ_{t-1}), mean = variance · (√α_t x_t / β_t + √ᾱ_{t-1} x_0 / (1 − ᾱ_{t-1})).
        for (NoiseSchedule s : new NoiseSchedule[] {NoiseSchedule.linear(1000), NoiseSchedule.cosine(200)}) {
            assertEquals(0.0, s.posteriorVariance(0));
            for (int t = 1; t < s.steps(); t++) {
                double abPrev = s.alphaBar(t - 1);
                double variance = 1.0 / (s.alpha(t) / s.beta(t) + 1.0 / (1.0 - abPrev));
                assertEquals(variance, s.posteriorVariance(t), 1e-12 * variance, s + " t=" + t);
                assertEquals(variance * Math.sqrt(s.alpha(t)) / s.beta(t), s.posteriorMeanCoefXt(t), 1e-9, s + " t=" + t);
                assertEquals(variance * Math.sqrt(abPrev) / (1.0 - abPrev), s.posteriorMeanCoefX0(t), 1e-9, s + " t=" + t);
                assertTrue(s.posteriorVariance(t) <= s.beta(t));
            }
        }
    }

    @Test
    void posteriorMeanWithThePredictedX0IsTheEpsilonFormOfHoEtAl() {
        NoiseSchedule s = NoiseSchedule.linear(1000);
        double xt = 0.7;
        double eps = -1.3;
        for (int t : new int[] {0, 1, 10, 500, 999}) {
            double x0 = (xt - Math.sqrt(1 - s.alphaBar(t)) * eps) / Math.sqrt(s.alphaBar(t));
            double viaX0 = s.posteriorMeanCoefX0(t) * x0 + s.posteriorMeanCoefXt(t) * xt;
            double viaEps = (xt - s.beta(t) / Math.sqrt(1 - s.alphaBar(t)) * eps) / Math.sqrt(s.alpha(t));
            assertEquals(viaEps, viaX0, 1e-9, "t=" + t);
        }
    }

    @Test
    void cosineScheduleFollowsItsAlphaBarCurveAndClipsOnlyTheLastBeta() {
        int steps = 1000;
        NoiseSchedule s = NoiseSchedule.cosine(steps);
        double f0 = NoiseSchedule.cosineF(0, steps, 0.008);
        int clipped = 0;
        for (int t = 0; t < steps; t++) {
            assertTrue(s.beta(t) <= 0.999);
            if (s.beta(t) == 0.999) {
                clipped++;
            } else {
                assertEquals(NoiseSchedule.cosineF(t + 1, steps, 0.008) / f0, s.alphaBar(t), 1e-9, "t=" + t);
            }
        }
        assertEquals(1, clipped);
        assertEquals(0.999, s.beta(steps - 1));
        // Clipped harder, more of the tail is held at the cap, and ᾱ never reaches zero.
        NoiseSchedule hard = NoiseSchedule.cosine(steps, 0.008, 0.5);
        assertEquals(0.5, hard.beta(steps - 1));
        assertEquals(0.5, hard.beta(steps - 2));
        assertTrue(hard.alphaBar(steps - 1) > 0);
    }

    @Test
    void badSchedulesAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.named("sigmoid", 10));
        assertTrue(e.getMessage().contains("use linear or cosine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(0, 1e-4, 0.02));
        e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(20));
        assertTrue(e.getMessage().contains("more than 20 steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.ofBetas("broken", new double[] {0.1, 1.0}));
        assertTrue(e.getMessage().contains("beta_1"), e.getMessage());
        assertEquals(NoiseSchedule.linear(50), NoiseSchedule.named("LINEAR", 50));
    }

    @Test
    void imageShapeCountsValuesAndRefusesEmptyOrHugeShapes() {
        ImageShape shape = new ImageShape(1, 28, 28);
        assertEquals(784, shape.values());
        assertEquals(784 * 64, shape.values(64));
        assertEquals("1x28x28", shape.toString());
        assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> shape.values(3_000_000));
    }
}

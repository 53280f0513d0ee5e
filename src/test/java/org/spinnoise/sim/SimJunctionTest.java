package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimJunctionTest {
    private static final double WIDTH_SECONDS = 1e-8;
    private static final int TRIALS = 4000;

    private static JunctionSpec spec(double driftVoltsPerHour) {
        return new JunctionSpec(0.62, 0.015, 1e-8, 0.05, 0.60, 2000, 4200, 0.01, driftVoltsPerHour);
    }

    /** Resets to P with a strong negative pulse, then writes once; counts how often the write switched. */
    private static int switchesOutOf(MtjJunction junction, double amplitudeVolts, int trials) {
        int switched = 0;
        for (int i = 0; i < trials; i++) {
            junction.applyPulse(-1.24, WIDTH_SECONDS);
            assertFalse(junction.isAntiparallel(), "a -1.24 V pulse must reset to P");
            if (junction.applyPulse(amplitudeVolts, WIDTH_SECONDS)) {
                switched++;
            }
        }
        return switched;
    }

    @Test
    void aboutHalfOfPulsesAtV50Switch() {
        MtjJunction junction = new MtjJunction(spec(0), 11L);
        int switched = switchesOutOf(junction, 0.62, TRIALS);
        double fiveSigma = 5 * Math.sqrt(TRIALS * 0.25);
        assertEquals(TRIALS / 2.0, switched, fiveSigma);
        assertEquals(2L * TRIALS, junction.pulsesApplied());
    }

    @Test
    void farAboveV50AlmostAllSwitchAndFarBelowAlmostNone() {
        MtjJunction junction = new MtjJunction(spec(0), 12L);
        assertTrue(switchesOutOf(junction, 0.62 + 10 * 0.015, TRIALS) >= TRIALS - 5);
        assertTrue(switchesOutOf(junction, 0.62 - 10 * 0.015, TRIALS) <= 5);
    }

    @Test
    void pulsesTowardsTheHeldStateDoNothing() {
        MtjJunction junction = new MtjJunction(spec(0), 13L);
        assertFalse(junction.applyPulse(-2.0, WIDTH_SECONDS), "negative pulse on P");
        assertTrue(junction.applyPulse(2.0, WIDTH_SECONDS), "strong positive pulse on P");
        assertFalse(junction.applyPulse(2.0, WIDTH_SECONDS), "positive pulse on AP");
        assertTrue(junction.isAntiparallel());
        assertTrue(junction.applyPulse(-2.0, WIDTH_SECONDS), "strong negative pulse resets AP");
        assertFalse(junction.isAntiparallel());
    }

    @Test
    void shorterPulsesNeedMoreAmplitudeAndResetUsesItsOwnThreshold() {
        MtjJunction junction = new MtjJunction(spec(0), 14L);
        assertEquals(0.5, junction.switchingProbability(0.62, 1e-8), 1e-12);
        assertEquals(0.5, junction.switchingProbability(0.67, 1e-9), 1e-12);
        assertEquals(0.5, junction.switchingProbability(-0.60, 1e-8), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)), junction.switchingProbability(0.635, 1e-8), 1e-12);
    }

    @Test
    void readNoiseHasTheConfiguredSigmaAndShrinksWithNplc() {
        MtjJunction junction = new MtjJunction(spec(0), 15L);
        double[] atOne = stats(junction, 1, 5000);
        double[] atFour = stats(junction, 4, 5000);
        assertEquals(2000, atOne[0], 2);
        assertEquals(20, atOne[1], 1.5);
        assertEquals(10, atFour[1], 0.75);
        junction.applyPulse(2.0, WIDTH_SECONDS);
        assertEquals(4200, stats(junction, 1, 1000)[0], 10);
        assertTrue(junction.isAntiparallel(), "reads must not disturb the state");
    }

    private static double[] stats(MtjJunction junction, double nplc, int reads) {
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < reads; i++) {
            double ohms = junction.readResistanceOhms(nplc);
            sum += ohms;
            sumSquares += ohms * ohms;
        }
        double mean = sum / reads;
        return new double[] {mean, Math.sqrt(sumSquares / reads - mean * mean)};
    }

    @Test
    void sameSeedGivesSameOutcomesAndReadsDoNotShiftSwitching() {
        MtjJunction first = new MtjJunction(spec(0), 99L);
        MtjJunction second = new MtjJunction(spec(0), 99L);
        for (int i = 0; i < 500; i++) {
            second.readResistanceOhms(1);
            assertEquals(first.applyPulse(0.62, WIDTH_SECONDS), second.applyPulse(0.62, WIDTH_SECONDS));
            first.applyPulse(-1.24, WIDTH_SECONDS);
            second.applyPulse(-1.24, WIDTH_SECONDS);
        }
    }

    @Test
    void v50DriftsLinearlyWithElapsedTime() {
        AtomicLong nanos = new AtomicLong(1_000);
        MtjJunction junction = new MtjJunction(spec(0.01), 16L, nanos::get);
        assertEquals(0.62, junction.v50Volts(), 1e-12);
        nanos.addAndGet(2 * 3600_000_000_000L);
        assertEquals(0.64, junction.v50Volts(), 1e-12);
        assertEquals(0.62, junction.resetV50Volts(), 1e-12);
        assertEquals(0.5, junction.switchingProbability(0.64, 1e-8), 1e-12);
    }

    /** A junction with a breakdown voltage on a clock the test moves by hand. */
    private static MtjJunction onClock(AtomicLong nanos) {
        JunctionSpec breakable = new JunctionSpec(0.62, 0.015, 1e-8, 0.05, 0.60, 2000, 4200, 0.01, 0, 1.6, 20);
        return new MtjJunction(breakable, 21L, nanos::get);
    }

    @Test
    void aLevelHeldLongEnoughSwitchesTheJunctionAndIsRecordedAsStress() {
        AtomicLong nanos = new AtomicLong();
        MtjJunction junction = onClock(nanos);
        // At 1.0 V held, V50 of the dwell time falls below 1 V after ~1e-8 * 10^(0.38/0.05) s, a few tens of µs.
        junction.hold(1.0);
        nanos.addAndGet(1_000_000_000L);
        assertTrue(junction.isAntiparallel(), "a second at +1 V switches P to AP");
        JunctionStress stress = junction.stress();
        assertEquals(1.0, stress.largestHeldVolts(), 0);
        assertEquals(1.0, stress.secondsHeldNonZero(), 1e-9);
        assertEquals(1, stress.switchesWhileHeld());
        junction.hold(0);
        nanos.addAndGet(1_000_000_000L);
        assertEquals(1.0, junction.stress().secondsHeldNonZero(), 1e-9, "0 V is no stress");
    }

    @Test
    void aSmallReadBiasDoesNotSwitchInTheTimeOfAReading() {
        AtomicLong nanos = new AtomicLong();
        MtjJunction junction = onClock(nanos);
        int switched = 0;
        for (int i = 0; i < 2000; i++) {
            junction.hold(0.1);
            nanos.addAndGet(10_000_000L);
            junction.hold(0);
            if (junction.isAntiparallel()) {
                switched++;
                junction.applyPulse(-1.2, 1e-8);
            }
        }
        assertEquals(0, switched, "0.1 V for 10 ms switches with odds of order 1e-7");
    }

    @Test
    void aVoltageBeyondBreakdownShortsTheJunctionForGood() {
        AtomicLong nanos = new AtomicLong();
        MtjJunction junction = onClock(nanos);
        assertFalse(junction.stress().brokenDown());
        junction.applyPulse(1.7, 1e-8);
        JunctionStress stress = junction.stress();
        assertTrue(stress.brokenDown());
        assertEquals(1.7, stress.breakdownAtVolts(), 0);
        assertEquals(20, junction.readResistanceOhms(1), 20 * 0.05);
        assertFalse(junction.applyPulse(-1.2, 1e-8), "a shorted junction never switches");
    }
}

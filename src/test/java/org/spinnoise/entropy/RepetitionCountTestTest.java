package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RepetitionCountTestTest {

    @Test
    void stuckSourceFailsOnExactlyTheCutoffthSample() {
        RepetitionCountTest test = RepetitionCountTest.forEntropy(1, Math.scalb(1.0, -20));
        assertEquals(21, test.cutoff());
        for (int i = 1; i < 21; i++) {
            assertTrue(test.accept(0), "sample " + i);
        }
        assertFalse(test.accept(0), "sample 21");
        assertEquals(1, test.failures());
        assertEquals(21, test.longestRun());
        // Counting restarts after a failure: the next failure comes another 21 samples later.
        for (int i = 1; i < 21; i++) {
            assertTrue(test.accept(0));
        }
        assertFalse(test.accept(0));
        assertEquals(2, test.failures());
        assertEquals(42, test.samplesSeen());
    }

    @Test
    void runOneShortOfTheCutoffPassesAndAChangeRestartsTheRun() {
        RepetitionCountTest test = new RepetitionCountTest(5);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertTrue(test.accept(round % 2 == 0 ? 7 : -3));
            }
        }
        assertEquals(0, test.failures());
        assertEquals(4, test.longestRun());
    }

    @Test
    void firstSampleStartsARunWhateverItsValue() {
        // The initial 'previous' must not count: a stream starting with 0 has a run of 1, not 2.
        RepetitionCountTest test = new RepetitionCountTest(2);
        assertTrue(test.accept(0));
        assertFalse(test.accept(0));
    }

    @Test
    void stronglyCorrelatedBitsFailQuickly() {
        // Each bit repeats the previous with probability 0.9: runs reach 21 with probability 0.9^20 ≈ 0.12 each.
        RepetitionCountTest test = RepetitionCountTest.forEntropy(1, Math.scalb(1.0, -20));
        SplittableRandom random = new SplittableRandom(11);
        int bit = 0;
        long failedAt = -1;
        for (long i = 1; i <= 10_000 && failedAt < 0; i++) {
            bit = random.nextDouble() < 0.9 ? bit : 1 - bit;
            if (!test.accept(bit)) {
                failedAt = i;
            }
        }
        assertTrue(failedAt > 0, "correlated source passed 10^4 bits");
    }

    @Test
    void alternatingBitsNeverFail() {
        RepetitionCountTest test = new RepetitionCountTest(2);
        for (int i = 0; i < 1000; i++) {
            assertTrue(test.accept(i & 1));
        }
        assertEquals(1, test.longestRun());
    }

    @Test
    void resetForgetsEverything() {
        RepetitionCountTest test = new RepetitionCountTest(3);
        test.accept(1);
        test.accept(1);
        test.accept(1);
        test.reset();
        assertEquals(0, test.failures());
        assertEquals(0, test.samplesSeen());
        assertEquals(0, test.longestRun());
        assertTrue(test.accept(1));
        assertTrue(test.accept(1));
        assertEquals(new HealthTestReport("repetition count", 3, 2, 0, 2), test.report());
    }

    @Test
    void cutoffBelowTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RepetitionCountTest(1));
    }
}

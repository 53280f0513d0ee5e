package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContinuousHealthTestsTest {

    private static final double ALPHA_2_30 = Math.scalb(1.0, -30);

    @Test
    void fairBitsPassTenMillionSamples() {
        ContinuousHealthTests tests = ContinuousHealthTests.binary(1, ALPHA_2_30);
        SplittableRandom random = new SplittableRandom(42);
        long accepted = 0;
        for (int i = 0; i < 10_000_000; i += 64) {
            long word = random.nextLong();
            for (int b = 0; b < 64; b++) {
                accepted += tests.accept((int) (word >>> b) & 1) ? 1 : 0;
            }
        }
        assertFalse(tests.anyFailure(), () -> tests.reports().toString());
        assertEquals(10_000_000L, accepted);
        assertEquals(10_000_000L, tests.reports().get(0).samples());
        // The longest run in 10^7 fair bits is about log2(10^7) ≈ 23: seen, but below the cutoff of 31.
        long longestRun = tests.reports().get(0).worstObserved();
        assertTrue(longestRun >= 15 && longestRun < 31, "longest run " + longestRun);
    }

    @Test
    void stuckSourceFailsTheRepetitionCountWithinItsCutoff() {
        ContinuousHealthTests tests = ContinuousHealthTests.binary(1, ALPHA_2_30);
        for (int i = 1; i < 31; i++) {
            assertTrue(tests.accept(1));
        }
        assertFalse(tests.accept(1));
        assertTrue(tests.anyFailure());
        assertEquals(new HealthTestReport("repetition count", 31, 31, 1, 31), tests.reports().get(0));
        assertEquals(new HealthTestReport("adaptive proportion", 609, 31, 0, 31), tests.reports().get(1));
    }

    @Test
    void packedAndUnpackedPathsAgree() {
        // Biased bytes with stuck stretches, so both tests fail several times and every counter is exercised.
        SplittableRandom random = new SplittableRandom(9);
        byte[] packed = new byte[40_000];
        for (int i = 0; i < packed.length; i++) {
            int octet = 0;
            for (int b = 0; b < 8; b++) {
                octet = (octet << 1) | (random.nextDouble() < 0.65 ? 1 : 0);
            }
            packed[i] = (byte) ((i / 1000) % 7 == 3 ? 0xFF : octet);
        }
        int offset = 17;
        int length = packed.length - 40;
        ContinuousHealthTests bitwise = ContinuousHealthTests.binary(1, ALPHA_2_30);
        for (int i = offset; i < offset + length; i++) {
            for (int shift = 7; shift >= 0; shift--) {
                bitwise.accept((packed[i] >> shift) & 1);
            }
        }
        ContinuousHealthTests bytewise = ContinuousHealthTests.binary(1, ALPHA_2_30);
        bytewise.acceptPacked(packed, offset, 1000);
        bytewise.acceptPacked(packed, offset + 1000, length - 1000);

        assertEquals(bitwise.reports(), bytewise.reports());
        assertTrue(bitwise.reports().get(0).failures() > 0 && bitwise.reports().get(1).failures() > 0,
                () -> bitwise.reports().toString());
    }

    @Test
    void packedBitsAreReadMostSignificantFirst() {
        // 0b1000_0000 read MSB first is 1 then seven 0s: the window's reference is 1 and occurs once. Read LSB first
        // the reference would be 0, occurring seven times.
        ContinuousHealthTests tests = ContinuousHealthTests.binary(1, ALPHA_2_30);
        tests.acceptPacked(new byte[] {(byte) 0b1000_0000}, 0, 1);
        assertEquals(1, tests.reports().get(1).worstObserved());
        assertEquals(7, tests.reports().get(0).worstObserved());
        assertEquals(8, tests.reports().get(1).samples());
    }

    @Test
    void misuseIsRefused() {
        ContinuousHealthTests tests = ContinuousHealthTests.binary(1, ALPHA_2_30);
        assertThrows(IllegalArgumentException.class, () -> tests.accept(2));
        assertThrows(IllegalArgumentException.class, () -> tests.accept(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> tests.acceptPacked(new byte[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ContinuousHealthTests.binary(1.5, ALPHA_2_30));
        assertThrows(IllegalArgumentException.class, () -> ContinuousHealthTests.binary(0, ALPHA_2_30));
    }

    @Test
    void resetClearsBothTests() {
        ContinuousHealthTests tests = ContinuousHealthTests.binary(1, ALPHA_2_30);
        for (int i = 0; i < 100; i++) {
            tests.accept(0);
        }
        assertTrue(tests.anyFailure());
        tests.reset();
        assertFalse(tests.anyFailure());
        assertEquals(0, tests.reports().get(1).samples());
    }
}

package org.spinnoise.sim.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.MtjJunction;

class BitGeneratorTest {
    private static final JunctionSpec DEMO = new JunctionSpec(0.62, 0.015, 1e-8, 0.05, 0.60, 2000, 4200, 0.01, 0);
    private static final double OHMS_PER_CODE = 0.1;
    private static final int BITS = 400_000;

    private static PulsePlan plan(double writeVolts, double resetVolts, int threshold, int guard, List<Integer> junctions) {
        return new PulsePlan(writeVolts, 1e-8, resetVolts, 1e-8, threshold, guard, junctions);
    }

    private static BitGenerator generator(int junctions, double readNoise, long seed) {
        List<MtjJunction> list = new java.util.ArrayList<>();
        for (int i = 0; i < junctions; i++) {
            list.add(new MtjJunction(DEMO, seed + i));
        }
        return new BitGenerator(list, OHMS_PER_CODE, readNoise, seed);
    }

    private static long ones(byte[] packed, int bits) {
        long n = 0;
        for (int i = 0; i < bits; i++) {
            n += (packed[i >>> 3] >>> (7 - (i & 7))) & 1;
        }
        return n;
    }

    private static double sigmoid(double volts) {
        return 1 / (1 + Math.exp(-(volts - 0.62) / 0.015));
    }

    private static void assertFraction(double expected, long ones, int bits) {
        double sigma = Math.sqrt(bits * expected * (1 - expected));
        assertEquals(expected * bits, ones, 6 * sigma + 1, "ones " + ones + " of " + bits + ", expected p " + expected);
    }

    @Test
    void onesFollowTheSwitchingSigmoidOnTheFastPath() {
        for (double volts : new double[] {0.62, 0.60, 0.65}) {
            BitGenerator g = generator(1, 0.03, 5);
            g.plan(plan(volts, -1.2, 31_000, 2_000, List.of(0)));
            byte[] out = new byte[BITS / 8];
            assertEquals(0, g.fill(out, 0, BITS), "clear reads are never ambiguous");
            assertFraction(sigmoid(volts), ones(out, BITS), BITS);
        }
    }

    @Test
    void theCycleByCyclePathGivesTheSameLawAndCountsGuardBandReads() {
        // A guard band reaching into the parallel state's read noise forces the cycle-by-cycle path.
        BitGenerator g = generator(1, 0.03, 6);
        int threshold = 31_000;
        int guard = 10_700; // lower edge 20,300 codes = 2,030 ohm: half a sigma above R_P
        g.plan(plan(0.64, -1.2, threshold, guard, List.of(0)));
        byte[] out = new byte[BITS / 8];
        int ambiguous = g.fill(out, 0, BITS);
        double p = sigmoid(0.64);
        assertFraction(p, ones(out, BITS), BITS);
        // the guard band spans 2,030 .. 4,170 ohm: the upper half-sigma of P reads and the lower part of AP reads
        double parallelInGuard = 1 - NormalTail.cdf((2030.0 / 2000 - 1) / 0.03);
        double antiparallelInGuard = NormalTail.cdf((4170.0 / 4200 - 1) / 0.03);
        assertFraction((1 - p) * parallelInGuard + p * antiparallelInGuard, ambiguous, BITS);
    }

    @Test
    void aWeakResetLeavesTheJunctionAntiparallelAndBiasesTheBits() {
        // reset at its own V50: half the resets fail, so a 1 is followed by another 1 more often than the write alone
        BitGenerator g = generator(1, 0.0, 7);
        g.plan(plan(0.62, -0.60, 31_000, 0, List.of(0)));
        byte[] out = new byte[BITS / 8];
        g.fill(out, 0, BITS);
        // stationary P(AP) = w / (w + r(1-w)) with w = r = 1/2: 2/3
        assertFraction(2.0 / 3, ones(out, BITS), BITS);
    }

    @Test
    void bitsComeFromTheSelectedJunctionsInTurn() {
        BitGenerator g = generator(2, 0.0, 8);
        // junction 0 written far above V50 (always 1) and junction 1 ... the same plan, so both switch always;
        // a threshold above R_AP turns every read to 0 for junction reads, which shows turn-taking does not skip.
        g.plan(plan(0.80, -1.2, 31_000, 0, List.of(0, 1)));
        byte[] out = new byte[2];
        g.fill(out, 0, 16);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF}, out);
        g.plan(plan(0.40, -1.2, 31_000, 0, List.of(1, 0)));
        g.fill(out, 0, 16);
        assertArrayEquals(new byte[] {0, 0}, out);
    }

    @Test
    void unusedLowBitsOfTheLastByteAreZeroAndEqualSeedsGiveEqualBits() {
        BitGenerator a = generator(1, 0.03, 9);
        BitGenerator b = generator(1, 0.03, 9);
        a.plan(plan(0.80, -1.2, 31_000, 100, List.of(0)));
        b.plan(plan(0.80, -1.2, 31_000, 100, List.of(0)));
        byte[] x = new byte[3];
        byte[] y = new byte[3];
        a.fill(x, 0, 21);
        b.fill(y, 0, 21);
        assertArrayEquals(x, y);
        assertEquals((byte) 0xF8, x[2], "21 ones: the last byte keeps 5 bits");
    }

    @Test
    void bernoulliWordsHaveTheRequestedChance() {
        SplittableRandom random = new SplittableRandom(3);
        long q = Odds.of(0.3);
        long ones = 0;
        int words = 20_000;
        for (int i = 0; i < words; i++) {
            ones += Long.bitCount(Odds.bernoulliWord(q, random));
        }
        assertFraction(0.3, ones, words * 64);
        assertEquals(0, Odds.bernoulliWord(0, random));
        assertEquals(-1L, Odds.bernoulliWord(Odds.ONE, random));
    }

    @Test
    void theNormalTailIsAccurateFarOut() {
        // the approximation's error is a few parts per million, relative, from the centre into the far tail
        assertEquals(0.5, NormalTail.cdf(0), 0.5 * 1e-5);
        assertEquals(0.841344746, NormalTail.cdf(1), 1e-5);
        assertEquals(2.866515718791939e-7, NormalTail.cdf(-5), 2.866515718791939e-7 * 1e-5);
        assertEquals(7.61985302416047e-24, NormalTail.cdf(-10), 7.61985302416047e-24 * 1e-5);
        assertTrue(NormalTail.cdf(-40) >= 0);
        assertFalse(new CycleOdds(Odds.ONE, 0, new long[] {Odds.ONE - 1, Odds.ONE, Odds.ONE}, new long[3])
                .onlyTheWriteIsRandom());
    }
}

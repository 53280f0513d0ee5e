package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The suffix-array tuple counts agree with brute-force counting on random, biased and periodic strings. */
class TupleCountsTest {

    @ParameterizedTest(name = "L = {0}, p(1) = {1}, period = {2}")
    @CsvSource({
            "2, 0.5, 0", "3, 0.5, 0", "17, 0.5, 0", "200, 0.5, 0", "300, 0.9, 0", "300, 0.99, 0",
            "250, 0.5, 7", "256, 0.5, 16", "300, 0.0, 0", "300, 1.0, 0", "120, 0.3, 3"})
    void agreesWithBruteForce(int length, double pOne, int period) {
        SplittableRandom random = new SplittableRandom(length * 31L + period);
        byte[] bits = new byte[length];
        for (int i = 0; i < length; i++) {
            bits[i] = period > 0 && i >= period ? bits[i - period] : (byte) (random.nextDouble() < pOne ? 1 : 0);
        }
        int[] sa = SuffixArray.of(bits);
        for (int k = 1; k < sa.length; k++) {
            assertTrue(suffix(bits, sa[k - 1]).compareTo(suffix(bits, sa[k])) < 0, "suffix array out of order at " + k);
        }
        TupleCounts counts = TupleCounts.of(bits);
        assertEquals(BruteForceTuples.longestRepeat(bits), counts.longestRepeat());
        for (int i = 1; i <= Math.min(length, counts.longestRepeat() + 2); i++) {
            assertEquals(BruteForceTuples.maxCount(bits, i), counts.maxCount(i), "Q[" + i + "]");
            assertEquals(BruteForceTuples.equalPairs(bits, i), counts.equalPairs(i), "S[" + i + "]");
        }
    }

    private static String suffix(byte[] bits, int start) {
        StringBuilder text = new StringBuilder();
        for (int i = start; i < bits.length; i++) {
            text.append((char) ('0' + bits[i]));
        }
        return text.toString();
    }
}

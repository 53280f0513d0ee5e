package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18: the tuple counts from bucketed 64-bit prefixes ({@link PrefixTupleCounter}, behind {@link TupleCounts})
 * equal exactly those of the full suffix array they replace ({@link ReferenceTupleCounts}) on every kind of sample,
 * and each of the fast path's own branches (several slabs, ties past 64 bits, the budget and bucket-size fallbacks)
 * is taken by some sample here.
 */
class TupleCountsFastPathTest {

    @ParameterizedTest(name = "{0}, L = {1}")
    @CsvSource({
            "fair, 128", "fair, 129", "fair, 1000", "fair, 4097", "fair, 70001",
            "biased20, 20000", "biased05, 20000", "biased05, 3001",
            "stuck, 5000", "zeros, 300", "ones, 4100", "halfStuck, 30001",
            "period7, 2000", "period64, 5000", "period300, 9000",
            "markov, 20000", "regimeSwitch, 40000", "copiedBlock, 25000", "tiny, 35", "tiny, 127"})
    void equalsTheSuffixArrayCounts(String kind, int length) {
        byte[] bits = sample(kind, length, new SplittableRandom(length * 131L + kind.hashCode()));
        assertSameCounts(ReferenceTupleCounts.of(bits), TupleCounts.of(bits), kind + ", L = " + length);
    }

    @Test
    void equalsTheSuffixArrayCountsOnRandomSamples() {
        SplittableRandom random = new SplittableRandom(1818);
        for (int c = 0; c < 150; c++) {
            byte[] bits = FastPathEquivalenceTest.randomSample(random, c < 75 ? 600 : 30_000);
            assertSameCounts(ReferenceTupleCounts.of(bits), TupleCounts.of(bits), "case " + c + ", L = " + bits.length);
        }
    }

    @Test
    void fairBitsTakeTheFastPathAndReportProgress() {
        byte[] bits = sample("fair", 50_000, new SplittableRandom(1));
        Tally tally = new Tally();
        TupleCounts counts = PrefixTupleCounter.count(bits.length, SuffixArray.pack(bits), tally);
        assertNotNull(counts, "fair bits have short repeats");
        assertSameCounts(ReferenceTupleCounts.of(bits), counts, "fair");
        assertTrue(tally.bits() >= bits.length * 9L / 10, "tally reached " + tally.bits());
    }

    @Test
    void manySmallSlabsGiveTheSameCounts() {
        SplittableRandom random = new SplittableRandom(2);
        for (String kind : new String[] {"fair", "biased20", "markov", "copiedBlock"}) {
            byte[] bits = sample(kind, 20_000, random);
            // 1,000 positions per slab: about twenty rescans, and buckets bigger than a slab for the biased sample.
            TupleCounts counts = PrefixTupleCounter.count(bits.length, SuffixArray.pack(bits), Tally.IGNORED,
                    1_000, Integer.MAX_VALUE);
            assertNotNull(counts, kind);
            assertSameCounts(ReferenceTupleCounts.of(bits), counts, kind + " in small slabs");
        }
        for (String kind : new String[] {"fair", "biased20"}) {
            // 1,024 buckets in slabs of about 400, not aligned with the groups of 2 buckets they are gathered in.
            byte[] bits = sample(kind, (1 << 17) + 5, random);
            TupleCounts counts = PrefixTupleCounter.count(bits.length, SuffixArray.pack(bits), Tally.IGNORED,
                    50_000, Integer.MAX_VALUE);
            assertNotNull(counts, kind);
            assertSameCounts(ReferenceTupleCounts.of(bits), counts, kind + " in unaligned slabs");
        }
    }

    @Test
    void repeatsLongerThan64BitsAreResolvedByReadingOn() {
        byte[] bits = sample("copiedBlock", 25_000, new SplittableRandom(3));
        TupleCounts counts = PrefixTupleCounter.count(bits.length, SuffixArray.pack(bits), Tally.IGNORED);
        assertNotNull(counts, "a few long repeats fit the budget");
        assertTrue(counts.longestRepeat() > 200, "longest repeat " + counts.longestRepeat());
        assertSameCounts(ReferenceTupleCounts.of(bits), counts, "copied block");
    }

    @Test
    void longRepeatsAndCrowdedBucketsFallBackToTheSuffixArray() {
        for (String kind : new String[] {"zeros", "stuck", "period7", "period300"}) {
            byte[] bits = sample(kind, 20_000, new SplittableRandom(4));
            assertNull(PrefixTupleCounter.count(bits.length, SuffixArray.pack(bits), Tally.IGNORED),
                    kind + " exhausts the tie budget");
            assertSameCounts(ReferenceTupleCounts.of(bits), TupleCounts.of(bits), kind + " through the fallback");
        }
        byte[] biased = sample("biased20", 20_000, new SplittableRandom(5));
        assertNull(PrefixTupleCounter.count(biased.length, SuffixArray.pack(biased), Tally.IGNORED, 1 << 24, 100),
                "a bucket above the limit");
        assertNull(PrefixTupleCounter.count(100, SuffixArray.pack(new byte[100]), Tally.IGNORED),
                "below the fast path's minimum");
    }

    static void assertSameCounts(ReferenceTupleCounts expected, TupleCounts actual, String what) {
        assertEquals(expected.samples(), actual.samples(), what + ": samples");
        assertEquals(expected.longestRepeat(), actual.longestRepeat(), what + ": longest repeat");
        for (int i = 1; i <= expected.longestRepeat() + 2; i++) {
            assertEquals(expected.maxCount(i), actual.maxCount(i), what + ": Q[" + i + "]");
            assertEquals(expected.equalPairs(i), actual.equalPairs(i), what + ": S[" + i + "]");
        }
    }

    static byte[] sample(String kind, int length, SplittableRandom random) {
        byte[] bits = new byte[length];
        for (int i = 0; i < length; i++) {
            bits[i] = switch (kind) {
                case "biased20" -> bit(random, 0.2);
                case "biased05" -> bit(random, 0.05);
                case "stuck" -> i < length / 10 ? bit(random, 0.5) : 1;
                case "zeros" -> 0;
                case "ones" -> 1;
                case "halfStuck", "regimeSwitch" -> i < length / 2 ? bit(random, 0.5)
                        : kind.equals("halfStuck") ? 0 : bit(random, 0.1);
                case "period7" -> i >= 7 ? bits[i - 7] : bit(random, 0.5);
                case "period64" -> i >= 64 ? bits[i - 64] : bit(random, 0.5);
                case "period300" -> i >= 300 ? bits[i - 300] : bit(random, 0.5);
                case "markov" -> i > 0 && random.nextDouble() < 0.8 ? bits[i - 1] : bit(random, 0.5);
                // Fair bits with a 300-bit block copied twice, once near the end: few LCPs past 64 bits.
                case "copiedBlock" -> i >= length / 2 && i < length / 2 + 300 ? bits[i - length / 4]
                        : i >= length - 350 && i < length - 50 ? bits[i - (length - 350 - length / 4)]
                        : bit(random, 0.5);
                default -> bit(random, 0.5);
            };
        }
        return bits;
    }

    private static byte bit(SplittableRandom random, double pOne) {
        return (byte) (random.nextDouble() < pOne ? 1 : 0);
    }
}

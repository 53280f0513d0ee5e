package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackedHealthTestsTest {

    private static final double ALPHA_2_30 = Math.scalb(1.0, -30);

    /** The bit-serial reference: both tests on every bit, failures noted per bit. */
    private static final class SerialReference {
        final RepetitionCountTest repetition;
        final AdaptiveProportionTest proportion;
        long bitIndex;
        long firstFailure = -1;
        long lastFailure = -1;

        SerialReference(double entropy) {
            repetition = RepetitionCountTest.forEntropy(entropy, ALPHA_2_30);
            proportion = AdaptiveProportionTest.forEntropy(entropy, ALPHA_2_30, HealthTestCutoffs.BINARY_WINDOW);
        }

        int accept(byte[] packed, int offset, int length) {
            int failures = 0;
            for (int i = offset; i < offset + length; i++) {
                for (int shift = 7; shift >= 0; shift--) {
                    int bit = (packed[i] >>> shift) & 1;
                    int here = (repetition.accept(bit) ? 0 : 1) + (proportion.accept(bit) ? 0 : 1);
                    if (here > 0) {
                        firstFailure = firstFailure < 0 ? bitIndex : firstFailure;
                        lastFailure = bitIndex;
                    }
                    failures += here;
                    bitIndex++;
                }
            }
            return failures;
        }
    }

    private static byte[] biased(SplittableRandom random, int bytes, double probabilityOfOne) {
        byte[] packed = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            int octet = 0;
            for (int b = 0; b < 8; b++) {
                octet = (octet << 1) | (random.nextDouble() < probabilityOfOne ? 1 : 0);
            }
            packed[i] = (byte) octet;
        }
        return packed;
    }

    /** Overwrites bits [start, start + length) with {@code bit}. */
    private static void stick(byte[] packed, long start, int length, int bit) {
        for (long i = start; i < start + length; i++) {
            int mask = 0x80 >>> (int) (i & 7);
            int index = (int) (i >>> 3);
            packed[index] = (byte) (bit == 1 ? packed[index] | mask : packed[index] & ~mask);
        }
    }

    /** Feeds {@code packed} to both in blocks of random length (0 to 40 bytes, sometimes kilobytes) and compares. */
    private static void assertEquivalentInRandomBlocks(byte[] packed, double entropy, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PackedHealthTests packedTests = PackedHealthTests.binary(entropy, ALPHA_2_30);
        SerialReference serial = new SerialReference(entropy);
        int offset = 0;
        while (offset < packed.length) {
            int length = Math.min(packed.length - offset,
                    random.nextInt(8) == 0 ? random.nextInt(4096) : random.nextInt(41));
            int expected = serial.accept(packed, offset, length);
            assertEquals(expected, packedTests.acceptBlock(packed, offset, length), "block at byte " + offset);
            offset += length;
        }
        assertSameState(serial, packedTests);
    }

    private static void assertSameState(SerialReference serial, PackedHealthTests packedTests) {
        assertEquals(java.util.List.of(serial.repetition.report(), serial.proportion.report()), packedTests.reports());
        assertEquals(serial.firstFailure, packedTests.firstFailureBitIndex());
        assertEquals(serial.lastFailure, packedTests.lastFailureBitIndex());
        assertEquals(serial.proportion.windowsCompleted(), packedTests.windowsCompleted());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.55, 0.65, 0.8, 0.95})
    void matchesBitSerialTestsOnBiasedBitsInRandomBlocks(double probabilityOfOne) {
        SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(probabilityOfOne));
        byte[] packed = biased(random, 200_000, probabilityOfOne);
        assertEquivalentInRandomBlocks(packed, 1.0, 11);
        assertEquivalentInRandomBlocks(packed, 0.6, 12);
    }

    @Test
    void matchesBitSerialTestsWithStuckRunsAcrossWordAndWindowBoundaries() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] packed = biased(random, 120_000, 0.5);
        int cutoff = HealthTestCutoffs.repetitionCount(1.0, ALPHA_2_30);
        long[] boundaries = {64, 1024, 5 * 1024, 64 * 77, 1024 * 40 + 64, 1024 * 300};
        int[] lengths = {cutoff - 1, cutoff, cutoff + 1, 2 * cutoff, 2 * cutoff + 1, 65, 128, 200, 700};
        long place = 0;
        for (long boundary : boundaries) {
            for (int length : lengths) {
                place += 2048;
                // The run straddles a word boundary and, every other time, a window boundary too.
                long start = place - place % boundary + boundary - length / 2 + random.nextInt(3) - 1;
                stick(packed, start, length, random.nextInt(2));
            }
        }
        PackedHealthTests whole = PackedHealthTests.binary(1.0, ALPHA_2_30);
        ContinuousHealthTests bitwise = ContinuousHealthTests.binary(1.0, ALPHA_2_30);
        whole.acceptBytes(packed, 0, packed.length);
        bitwise.acceptPacked(packed, 0, packed.length);
        assertEquals(bitwise.reports(), whole.reports());
        assertTrue(whole.reports().get(0).failures() > 20, whole.reports().toString());
        assertTrue(whole.reports().get(1).failures() > 0, whole.reports().toString());
        for (long seed = 0; seed < 8; seed++) {
            assertEquivalentInRandomBlocks(packed, 1.0, seed);
            assertEquivalentInRandomBlocks(packed, 0.3, seed);
        }
    }

    @Test
    void matchesBitSerialTestsWhenTheCutoffExceedsAWord() {
        // H = 0.1 gives a repetition cutoff of 301: whole words of one value must be carried exactly.
        SplittableRandom random = new SplittableRandom(8);
        byte[] packed = biased(random, 60_000, 0.97);
        stick(packed, 100_003, 299, 1);
        stick(packed, 200_000, 302, 0);
        stick(packed, 300_001, 903, 1);
        for (long seed = 20; seed < 24; seed++) {
            assertEquivalentInRandomBlocks(packed, 0.1, seed);
        }
    }

    @Test
    void wordAndByteEntryPointsAgreeFromAnyStartingOffset() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] packed = biased(random, 64_000, 0.7);
        stick(packed, 70_000, 500, 1);
        for (int skipBytes : new int[] {0, 1, 3, 7}) {
            PackedHealthTests bytes = PackedHealthTests.binary(0.5, ALPHA_2_30);
            PackedHealthTests words = PackedHealthTests.binary(0.5, ALPHA_2_30);
            bytes.acceptBytes(packed, 0, skipBytes);
            words.acceptBytes(packed, 0, skipBytes);
            int wordCount = (packed.length - skipBytes) / 8;
            long[] asWords = new long[wordCount];
            ByteBuffer.wrap(packed, skipBytes, wordCount * 8).asLongBuffer().get(asWords);
            bytes.acceptBytes(packed, skipBytes, wordCount * 8);
            words.accept(asWords, 0, wordCount);
            assertEquals(bytes.reports(), words.reports());
            assertEquals(bytes.firstFailureBitIndex(), words.firstFailureBitIndex());
            ContinuousHealthTests bitwise = ContinuousHealthTests.binary(0.5, ALPHA_2_30);
            bitwise.acceptPacked(packed, 0, skipBytes + wordCount * 8);
            assertEquals(bitwise.reports(), words.reports());
        }
    }

    @Test
    void batchesOfAnyBitCountGiveTheResultsOfFeedingEveryBitInOrder() {
        SplittableRandom random = new SplittableRandom(11);
        int bits = 200_000;
        byte[] stream = biased(random, bits / 8, 0.8);
        PackedHealthTests batched = PackedHealthTests.binary(0.5, ALPHA_2_30);
        ContinuousHealthTests bitwise = ContinuousHealthTests.binary(0.5, ALPHA_2_30);
        for (int at = 0; at < bits; ) {
            int count = Math.min(bits - at, 1 + random.nextInt(300));
            // A batch as a source packs it: its first bit in the top bit of its first byte, the last byte padded.
            byte[] batch = new byte[(count + 7) / 8];
            for (int i = 0; i < count; i++) {
                int bit = (stream[(at + i) >>> 3] >>> (7 - ((at + i) & 7))) & 1;
                batch[i >>> 3] |= (byte) (bit << (7 - (i & 7)));
                bitwise.accept(bit);
            }
            batched.acceptBits(batch, count);
            at += count;
        }
        assertEquals(bitwise.reports(), batched.reports());
        assertEquals(bits, batched.bitsSeen());
        assertTrue(batched.failures() > 0, batched.reports().toString());
    }

    @Test
    void fairBitsPassAndReportTheLongestRun() {
        byte[] packed = biased(new SplittableRandom(1), 1 << 20, 0.5);
        PackedHealthTests tests = PackedHealthTests.binary(1.0, ALPHA_2_30);
        assertEquals(0, tests.acceptBlock(packed, 0, packed.length));
        assertFalse(tests.anyFailure());
        assertEquals(-1, tests.firstFailureBitIndex());
        ContinuousHealthTests bitwise = ContinuousHealthTests.binary(1.0, ALPHA_2_30);
        bitwise.acceptPacked(packed, 0, packed.length);
        assertEquals(bitwise.reports(), tests.reports());
        long longest = tests.reports().get(0).worstObserved();
        assertTrue(longest > 15 && longest < 31, "longest run " + longest);
    }

    @Test
    void aStuckBlockIsNamedAndResetForgetsIt() {
        byte[] packed = new byte[4096];
        Arrays.fill(packed, 1000, 1010, (byte) 0xFF);
        PackedHealthTests tests = PackedHealthTests.binary(1.0, ALPHA_2_30);
        int cutoff = tests.reports().get(0).cutoff();
        // All zeros up to byte 1000: the run of zeros fails every `cutoff` bits from bit cutoff − 1 on.
        assertTrue(tests.acceptBlock(packed, 0, 8) > 0);
        assertEquals(cutoff - 1, tests.firstFailureBitIndex());
        tests.reset();
        assertEquals(-1, tests.firstFailureBitIndex());
        assertEquals(0, tests.bitsSeen());
        assertEquals(0, tests.acceptBlock(packed, 0, 2));
    }
}

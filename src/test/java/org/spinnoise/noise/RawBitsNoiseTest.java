package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw bits file split into one part per seed: parts never overlap, padding is never used, overruns are errors. */
class RawBitsNoiseTest {
    @TempDir
    Path dir;

    @Test
    void eachSeedReadsItsOwnPartOfTheAcquiredBytes() throws Exception {
        byte[] bytes = new byte[101];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("bits.bin"), bytes);
        // 804 bits: 100 whole bytes and 4 bits of padding in the last; 3 parts of 33 bytes
        RawBitsNoise raw = RawBitsNoise.split(file, 804, 3);
        assertEquals(33, raw.bytesPerPart());
        for (int part = 1; part <= 3; part++) {
            byte[] got = new byte[33];
            try (NoiseSource source = raw.open(part)) {
                source.fillBytes(got, 0, got.length);
                assertEquals(33 * Byte.SIZE, source.account().hardwareBits());
                assertThrows(NoiseExhaustedException.class, () -> source.fillBytes(new byte[1], 0, 1));
            }
            assertArrayEquals(Arrays.copyOfRange(bytes, (part - 1) * 33, part * 33), got, "part " + part);
        }
        assertThrows(IllegalArgumentException.class, () -> raw.open(4));
        assertThrows(IllegalArgumentException.class, () -> raw.open(0));
    }

    /**
     * Bits that are 1 with probability 0.3 (a junction far off V50): summed 16 at a time and corrected with the run's
     * measured p̂ the normals have mean 0 and variance 1; corrected as if fair they have mean 4(2p − 1) = −1.6 and
     * variance 4p(1 − p) = 0.84, as the theory says, and the diagnostics flag them.
     */
    @Test
    void aSumCorrectedWithTheMeasuredPHatHasVarianceOneWhereTheFairCorrectionDoesNot() throws Exception {
        long bits = 2 * 16 * 60_000L + 5; // a partial last byte: its padding bits must not count
        byte[] bytes = new byte[(int) ((bits + 7) / 8)];
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        long ones = 0;
        for (long i = 0; i < bits; i++) {
            if (random.nextDouble() < 0.3) {
                bytes[(int) (i / 8)] |= (byte) (0x80 >>> (i % 8));
                ones++;
            }
        }
        bytes[bytes.length - 1] |= 0x07; // padding after the 5 acquired bits of the last byte
        RawBitsNoise raw = RawBitsNoise.split(Files.write(dir.resolve("bits.bin"), bytes), bits, 2);
        double pHat = raw.onesProbability();
        assertEquals(ones / (double) bits, pHat, 0, "ones over the acquired bits only");
        int n = 60_000;
        double[] corrected = new double[n];
        double[] naive = new double[n];
        NoiseDiagnostics naiveCheck = new NoiseDiagnostics(8);
        try (NoiseSource a = raw.open(1, BitSum.biasedBits(16, pHat));
             NoiseSource b = raw.open(2, BitSum.fairBits(16))) {
            a.fillDoubles(corrected, 0, n);
            b.fillDoubles(naive, 0, n);
            assertEquals(16L * n, a.account().hardwareBits());
        }
        for (double x : naive) {
            naiveCheck.add(x);
        }
        BitConstruction.Moments c = BitConstructionTest.sampleMoments(corrected);
        BitConstruction.Moments f = BitConstructionTest.sampleMoments(naive);
        assertEquals(0, c.mean(), 6 / Math.sqrt(n), c.toString());
        assertEquals(1, c.variance(), 6 * Math.sqrt(2.0 / n), c.toString());
        BitConstruction.Moments theory = BitSum.fairBits(16).moments(pHat);
        assertEquals(theory.mean(), f.mean(), 6 * Math.sqrt(theory.variance() / n), f.toString());
        assertEquals(theory.variance(), f.variance(), 6 * Math.sqrt(2 * theory.variance() * theory.variance() / n),
                f.toString());
        assertEquals(0.84, theory.variance(), 0.01);
        assertTrue(Math.abs(f.variance() - 1) > 20 * Math.sqrt(2.0 / n), "the naive variance is visibly not 1");
        assertTrue(naiveCheck.flagged(), naiveCheck.summary());
    }

    @Test
    void bitsThatAreAllZerosCannotBeCorrected() throws Exception {
        RawBitsNoise raw = RawBitsNoise.split(Files.write(dir.resolve("zeros.bin"), new byte[100]), 800, 1);
        java.io.IOException e = assertThrows(java.io.IOException.class, raw::onesProbability);
        assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
    }
}

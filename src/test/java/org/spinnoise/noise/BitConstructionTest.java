package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;

/**
 * Issue 19, the Gaussian-from-bits constructions: each takes its bits in stream order (MSB first) with the stated
 * correction, its sampled moments match the exact theory, the theory's two computations (cumulants, exact
 * distribution) agree, and its account charges exactly its bits per normal.
 */
class BitConstructionTest {
    private static final List<BitConstruction> CONSTRUCTIONS = List.of(BitSum.fairBits(1), BitSum.fairBits(4),
            BitSum.fairBits(16), BitSum.fairBits(64), BitSum.uniformWords(12, 8), BitSum.uniformWords(2, 16),
            InversionTable.ofBits(1), InversionTable.ofBits(4), InversionTable.ofBits(8), InversionTable.ofBits(16));

    @TempDir
    Path tmp;

    @Test
    void cltCountsTheOnesOfEachKBitsInStreamOrderAndCentresThem() throws Exception {
        // 0xF0 0xFF: bits 1111 0000 1111 1111; clt-3 reads 111 100 001 111 111, then 1 and two bits of the next byte
        ConstructionNoiseSource clt3 = over(new byte[] {(byte) 0xF0, (byte) 0xFF, 0x00}, BitSum.fairBits(3));
        double[] z = new double[5];
        clt3.fillDoubles(z, 0, 5);
        double sd = Math.sqrt(3 / 4.0);
        assertArrayEquals(new double[] {1.5 / sd, -0.5 / sd, -0.5 / sd, 1.5 / sd, 1.5 / sd}, z, 1e-12);
        assertEquals(2, clt3.account().streamPosition(), "15 bits in two bytes; the 16th waits");
        clt3.fillDoubles(z, 0, 1);
        assertEquals(-0.5 / sd, z[0], 1e-12, "1 carried, then 00");
        ConstructionNoiseSource clt4 = over(new byte[] {(byte) 0xF0}, BitSum.fairBits(4));
        clt4.fillDoubles(z, 0, 2);
        assertEquals(2.0, z[0], 1e-12, "(4 - 4/2)/sqrt(4/4)");
        assertEquals(-2.0, z[1], 1e-12);
    }

    @Test
    void irwinHallSumsWordsAndTheTableIndexesByWord() throws Exception {
        // 0x3A = 0011 1010: words 3 and 10
        ConstructionNoiseSource ih = over(new byte[] {0x3A}, BitSum.uniformWords(2, 4));
        double[] z = new double[1];
        ih.fillDoubles(z, 0, 1);
        assertEquals((13 - 2 * 15 / 2.0) / Math.sqrt(2 * 255 / 12.0), z[0], 1e-12);
        InversionTable table = InversionTable.ofBits(4);
        ConstructionNoiseSource inv = over(new byte[] {0x3A}, table);
        double[] w = new double[2];
        inv.fillDoubles(w, 0, 2);
        assertArrayEquals(new double[] {table.entry(3), table.entry(10)}, w, 0);
        assertEquals(GaussianInversion.inverseCdf(3.5 / 16) / table.unscaledSd(), table.entry(3), 1e-15);
    }

    @Test
    void inversionTablesAreMirroredWithVarianceOneAndEndAtTheOutermostCell() {
        assertArrayEquals(new double[] {-1, 1}, InversionTable.ofBits(1).fairAtoms().values(), 1e-15,
                "inv-1 is ±1 noise");
        for (int bits : new int[] {2, 8, 12, 16}) {
            InversionTable t = InversionTable.ofBits(bits);
            int size = 1 << bits;
            double sumSquares = 0;
            for (int m = 0; m < size; m++) {
                assertEquals(-t.entry(m), t.entry(size - 1 - m), 0, "mirrored");
                sumSquares += t.entry(m) * t.entry(m);
            }
            assertEquals(1.0, sumSquares / size, 1e-12, "inv-" + bits + " variance");
            assertTrue(t.unscaledSd() < 1, "the cell centres alone fall short of variance 1");
            assertEquals(GaussianInversion.inverseCdf(1 - 0.5 / size) / t.unscaledSd(), t.entry(size - 1), 1e-12);
        }
    }

    /** Cumulants and the exact distribution are two independent routes to the same moments. */
    @Test
    void theoryFromCumulantsAgreesWithTheExactDistributionAndTheClosedForms() {
        for (BitConstruction c : CONSTRUCTIONS) {
            BitConstruction.Moments fromCumulants = c.moments(0.5);
            BitConstruction.Moments exact = c.fairAtoms().moments();
            assertEquals(0, fromCumulants.mean(), 1e-12, c.label());
            assertEquals(1, fromCumulants.variance(), 1e-12, c.label());
            assertEquals(exact.mean(), fromCumulants.mean(), 1e-12, c.label());
            assertEquals(exact.variance(), fromCumulants.variance(), 1e-12, c.label());
            assertEquals(exact.excessKurtosis(), fromCumulants.excessKurtosis(), 1e-9, c.label());
            assertEquals(1, sum(c.fairAtoms().probabilities()), 1e-12, c.label());
        }
        for (int k : new int[] {1, 4, 16, 64}) {
            assertEquals(-2.0 / k, BitSum.fairBits(k).moments(0.5).excessKurtosis(), 1e-12, "clt-" + k + ": -2/K");
            assertEquals(k + 1, BitSum.fairBits(k).fairAtoms().values().length);
        }
        // Irwin-Hall: -(6/5)(4^B + 1)/((4^B - 1) K), -1.2/K for wide words
        assertEquals(-1.2 * 65537 / 65535 / 12, BitSum.uniformWords(12, 8).moments(0.5).excessKurtosis(), 1e-12);
        // Biased bits under the fair correction: mean sqrt(K)(2p - 1), variance 4p(1 - p); the p-hat one is exact.
        BitConstruction.Moments naive = BitSum.fairBits(16).moments(0.3);
        assertEquals(4 * (2 * 0.3 - 1), naive.mean(), 1e-12);
        assertEquals(4 * 0.3 * 0.7, naive.variance(), 1e-12);
        BitConstruction.Moments corrected = BitSum.biasedBits(16, 0.3).moments(0.3);
        assertEquals(0, corrected.mean(), 1e-12);
        assertEquals(1, corrected.variance(), 1e-12);
        assertEquals((1 - 6 * 0.21) / (16 * 0.21), corrected.excessKurtosis(), 1e-12);
        assertEquals((0.7 - 0.3) / Math.sqrt(16 * 0.21), corrected.skewness(), 1e-12);
    }

    /** 200,000 samples of each from fair bits: mean, variance, skewness and excess kurtosis within 6 standard errors. */
    @Test
    void sampledMomentsMatchTheTheory() throws Exception {
        int n = 200_000;
        for (BitConstruction c : CONSTRUCTIONS) {
            SplittableRandom random = new SplittableRandom(c.label().hashCode());
            ConstructionNoiseSource source = ConstructionNoiseSource.over(ByteStream.of((out, off, len) -> {
                for (int i = off; i < off + len; i++) {
                    out[i] = (byte) random.nextInt();
                }
            }), c);
            double[] x = new double[n];
            source.fillDoubles(x, 0, n);
            BitConstruction.Moments theory = c.moments(0.5);
            BitConstruction.Moments sampled = sampleMoments(x);
            String what = c.label() + " " + sampled + " vs " + theory;
            assertEquals(theory.mean(), sampled.mean(), 6 / Math.sqrt(n), what);
            assertEquals(theory.variance(), sampled.variance(), 6 * Math.sqrt((theory.excessKurtosis() + 2) / n)
                    + 36.0 / n, what); // the sample mean's square comes off the sample variance: at most 36/n
            assertEquals(theory.skewness(), sampled.skewness(), 6 * Math.sqrt(6.0 / n), what);
            assertEquals(theory.excessKurtosis(), sampled.excessKurtosis(), 6 * Math.sqrt(24.0 / n), what);
        }
    }

    /**
     * hardwareBits = bits per normal × normals + 8 × raw bytes exactly, across odd request sizes and raw bytes in
     * between; the stream (and the pool, for a pool source) has given at most 7 bits more, which the next request uses.
     */
    @Test
    void theAccountChargesExactlyTheBitsPerNormal() throws Exception {
        int[] sizes = {1, 3, 7, 1000, 4097};
        for (BitConstruction c : List.of(BitSum.fairBits(5), BitSum.uniformWords(3, 7), InversionTable.ofBits(11),
                InversionTable.ofBits(16))) {
            try (EntropyPool pool = TestPools.filled(tmp.resolve(c.label()), 40_000, 3, null);
                 ConstructionNoiseSource source = NoiseSources.openConstruction(c, pool, "gauss")) {
                long normals = 0;
                long bytes = 0;
                for (int size : sizes) {
                    source.fillFloats(new float[size], 0, size);
                    source.fillDoubles(new double[size], 0, size);
                    source.fillBytes(new byte[size % 5], 0, size % 5);
                    normals += 2L * size;
                    bytes += size % 5;
                    NoiseAccount a = source.account();
                    assertEquals(normals, a.normals());
                    assertEquals(normals * c.bitsPerNormal() + 8 * bytes, a.hardwareBits(), c.label());
                    long extra = a.streamPosition() * 8 - a.hardwareBits();
                    assertTrue(extra >= 0 && extra < 8, c.label() + " gave " + extra + " bits beyond the account");
                    assertEquals(a.streamPosition(), pool.status().bytesOutByConsumer().get("gauss"), c.label());
                }
            }
        }
    }

    @Test
    void aRequestTheStreamCannotCoverHandsOutNothing() throws Exception {
        ConstructionNoiseSource source = over(new byte[10], BitSum.fairBits(16));
        float[] out = new float[6];
        assertThrows(NoiseExhaustedException.class, () -> source.fillFloats(out, 0, 6), "6 × 16 bits > 80");
        assertEquals(new NoiseAccount(0, 0, 0, 0), source.account());
        source.fillFloats(out, 0, 5);
        assertEquals(new NoiseAccount(5, 0, 10, 80), source.account());
    }

    private static ConstructionNoiseSource over(byte[] bytes, BitConstruction c) {
        return ConstructionNoiseSource.over(new ByteStream() {
            private int position;

            @Override
            public void reserve(long byteCount) throws NoiseExhaustedException {
                if (byteCount > bytes.length - position) {
                    throw new NoiseExhaustedException("only " + (bytes.length - position) + " bytes left", null);
                }
            }

            @Override
            public void read(byte[] out, int offset, int length) throws java.io.IOException {
                reserve(length);
                System.arraycopy(bytes, position, out, offset, length);
                position += length;
            }

            @Override
            public long position() {
                return position;
            }
        }, c);
    }

    static BitConstruction.Moments sampleMoments(double[] x) {
        double mean = sum(x) / x.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        m4 /= x.length;
        return new BitConstruction.Moments(mean, m2, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2) - 3);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}

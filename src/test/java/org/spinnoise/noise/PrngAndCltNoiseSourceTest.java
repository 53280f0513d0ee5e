package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;

class PrngAndCltNoiseSourceTest {
    @TempDir
    Path tmp;

    @Test
    void prngIsStandardNormalReproducibleAndUsesNoHardwareBits() throws Exception {
        int n = NormalityCheck.SAMPLES;
        try (NoiseSource prng = NoiseSources.open(NoiseMode.PRNG, null, null, 42);
             NoiseSource again = NoiseSources.open(NoiseMode.PRNG, null, null, 42)) {
            float[] floats = new float[n];
            prng.fillFloats(floats, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(floats));
            double[] doubles = new double[n];
            prng.fillDoubles(doubles, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(doubles));
            assertEquals(new NoiseAccount(2L * n, 0, 2L * n, 0), prng.account());
            float[] first = new float[100];
            again.fillFloats(first, 0, 100);
            float[] expected = new float[100];
            System.arraycopy(floats, 0, expected, 0, 100);
            assertArrayEquals(expected, first);
        }
    }

    /**
     * prng is the ziggurat over the JDK's own L64X128MixRandom words, eight generators interleaved: every float sample
     * equals {@link Ziggurat32#sample} over the half words (low half first) and every double {@link Ziggurat#sample}
     * over the words of eight JDK generators seeded with the lane seeds, taken in turn, including wedge and tail
     * samples; a sample's extra words, and the first double, start at the next whole word.
     */
    @Test
    void prngSamplesAreTheZigguratOverEightInterleavedJdkGenerators() {
        int n = 200_000;
        java.util.random.RandomGenerator[] lanes = new java.util.random.RandomGenerator[8];
        for (int k = 0; k < 8; k++) {
            lanes[k] = java.util.random.RandomGeneratorFactory.of(PrngNoiseSource.ALGORITHM)
                    .create(PrngNoiseSource.laneSeed(5, k));
        }
        HalfWords stream = new HalfWords(lanes);
        PrngNoiseSource prng = PrngNoiseSource.seeded(5);
        float[] floats = new float[n];
        prng.fillFloats(floats, 0, n);
        int tail = 0;
        int misses = 0;
        for (int i = 0; i < n; i++) {
            int first = stream.nextHalf();
            float expected = Ziggurat32.sample(first, stream::nextWord);
            assertEquals(expected, floats[i], "float sample " + i);
            tail += Math.abs(expected) > Ziggurat32.LAYERS_1024.r ? 1 : 0;
            misses += Ziggurat32.missesRectangle(first) ? 1 : 0;
        }
        assertTrue(tail > 0, "the tail method ran");
        double missRate = Ziggurat32.LAYERS_1024.rectangleMissRate();
        assertEquals(missRate * n, misses, 5 * Math.sqrt(missRate * n), "wedge and tail samples were among them");
        double[] doubles = new double[n];
        prng.fillDoubles(doubles, 0, n);
        // The block's unused words are still served in order: the doubles continue the same word stream.
        for (int i = 0; i < n; i++) {
            assertEquals(Ziggurat.sample(stream.nextWord(), stream::nextWord), doubles[i], "double sample " + i);
        }
    }

    /** Words of eight generators in turn, read as 32-bit halves (low first) or, from a word boundary, as words. */
    private static final class HalfWords {
        private final java.util.random.RandomGenerator[] lanes;
        private long words;
        private long pendingHigh;
        private boolean hasHigh;

        HalfWords(java.util.random.RandomGenerator[] lanes) {
            this.lanes = lanes;
        }

        int nextHalf() {
            if (hasHigh) {
                hasHigh = false;
                return (int) pendingHigh;
            }
            long w = nextWord();
            pendingHigh = w >>> 32;
            hasHigh = true;
            return (int) w;
        }

        long nextWord() {
            hasHigh = false;
            return lanes[(int) (words++ % lanes.length)].nextLong();
        }
    }

    /** The same check fails a generator whose scale is 1% too large, so the distribution tests can fail. */
    @Test
    void theCheckRejectsAOnePercentScaleError() throws Exception {
        int n = NormalityCheck.SAMPLES;
        try (NoiseSource prng = PrngNoiseSource.seeded(7)) {
            double[] samples = new double[n];
            prng.fillDoubles(samples, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(samples));
            for (int i = 0; i < n; i++) {
                samples[i] *= 1.01;
            }
            NormalityCheck.Verdict scaled = NormalityCheck.of(samples);
            NormalityCheck.assertNotNormal(scaled);
            assertTrue(!scaled.varianceOk(), scaled::toString);
        }
    }

    /** Sums of 16 fair bits have the right mean and variance but are visibly discrete: KS rejects them. */
    @Test
    void cltSumsAreLabelledApproximateAndFailTheShapeTest() throws Exception {
        int n = NormalityCheck.SAMPLES;
        int k = 16;
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), n * k / 8 + 16, 31, null);
             ConstructionNoiseSource clt = NoiseSources.openClt(k, pool, "clt")) {
            assertEquals("clt-16", clt.label());
            double[] samples = new double[n];
            clt.fillDoubles(samples, 0, n);
            NormalityCheck.Verdict v = NormalityCheck.of(samples);
            assertTrue(v.meanOk() && v.varianceOk(), v::toString);
            assertTrue(!v.ksOk(), v::toString);
            assertEquals(n * (long) k, clt.account().hardwareBits());
            assertEquals(n * (long) k / 8, clt.account().streamPosition());
            assertTrue(pool.status().bytesOutByConsumer().get("clt") >= n * (long) k / 8);
        }
    }

    @Test
    void cltCountsExactlyKBitsPerSampleAcrossOddSizes() throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        ConstructionNoiseSource clt = ConstructionNoiseSource.over(ByteStream.of((out, off, len) -> {
            for (int i = off; i < off + len; i++) {
                out[i] = (byte) random.nextInt();
            }
        }), BitSum.fairBits(5));
        float[] out = new float[3];
        clt.fillFloats(out, 0, 3);
        assertEquals(15, clt.account().hardwareBits());
        assertEquals(2, clt.account().streamPosition(), "15 bits need two bytes");
        clt.fillFloats(out, 0, 1);
        assertEquals(20, clt.account().hardwareBits());
        assertEquals(3, clt.account().streamPosition(), "one bit was left over, four more need one byte");
        for (float z : out) {
            assertTrue(Math.abs(z) <= Math.sqrt(5) + 1e-6);
        }
    }

    /** Deliberately biased bits (P(1) = 0.6) shift the CLT mean by 2·0.1·sqrt(k): the study use of any stream. */
    @Test
    void biasedBitsShowInTheCltMean() throws Exception {
        SplittableRandom random = new SplittableRandom(10);
        ByteStream biased = ByteStream.of((out, off, len) -> {
            for (int i = off; i < off + len; i++) {
                int b = 0;
                for (int bit = 0; bit < 8; bit++) {
                    b |= (random.nextDouble() < 0.6 ? 1 : 0) << bit;
                }
                out[i] = (byte) b;
            }
        });
        int k = 64;
        ConstructionNoiseSource clt = ConstructionNoiseSource.over(biased, BitSum.fairBits(k));
        double[] samples = new double[20_000];
        clt.fillDoubles(samples, 0, samples.length);
        double mean = 0;
        for (double x : samples) {
            mean += x / samples.length;
        }
        assertEquals(0.2 * Math.sqrt(k), mean, 0.05);
    }

    @Test
    void trngNeedsAPoolAndAConsumer() {
        assertThrows(IllegalArgumentException.class, () -> NoiseSources.open(NoiseMode.TRNG, null, "x", 0));
    }
}

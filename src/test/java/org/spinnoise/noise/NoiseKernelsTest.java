package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * The two {@link NoiseKernels} families agree bit for bit, and the lanes are the JDK's L64X128MixRandom: the scalar
 * lanes against eight JDK generators, the vector lanes and rectangle test against the scalar ones, on blocks full of
 * samples that miss the rectangle (so the hand-over to the scalar path is exercised at every position).
 */
class NoiseKernelsTest {

    @Test
    void scalarLanesAreEightJdkGenerators() {
        long seed = -42;
        LxmLanes lanes = new LxmLanes(seed);
        RandomGenerator[] jdk = new RandomGenerator[LxmLanes.LANES];
        for (int k = 0; k < jdk.length; k++) {
            jdk[k] = RandomGeneratorFactory.of(PrngNoiseSource.ALGORITHM).create(LxmLanes.laneSeed(seed, k));
        }
        byte[] block = new byte[4096];
        for (int refill = 0; refill < 4; refill++) {
            lanes.fillScalar(block);
            for (int w = 0; w < block.length / 8; w++) {
                assertEquals(jdk[w % 8].nextLong(), Ziggurat.word(block, w), "refill " + refill + " word " + w);
            }
        }
    }

    @Test
    void vectorLanesGiveTheScalarWords() {
        assumeTrue(NoiseKernels.vectorAvailable(), "no Vector API here");
        NoiseKernels vector = NoiseKernels.vector();
        LxmLanes scalarLanes = new LxmLanes(7);
        LxmLanes vectorLanes = new LxmLanes(7);
        byte[] expected = new byte[4096];
        byte[] actual = new byte[4096];
        for (int refill = 0; refill < 100; refill++) {
            scalarLanes.fillScalar(expected);
            vector.lxm(vectorLanes, actual);
            assertArrayEquals(expected, actual, "refill " + refill);
        }
    }

    @Test
    void vectorRectangleTestMatchesScalarAtEveryOffset() {
        assumeTrue(NoiseKernels.vectorAvailable(), "no Vector API here");
        NoiseKernels vector = NoiseKernels.vector();
        NoiseKernels scalar = NoiseKernels.scalar();
        SplittableRandom random = new SplittableRandom(3);
        byte[] words = new byte[64 * 8];
        int misses = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            random.nextBytes(words);
            // Push layer 0 (the base strip, where the rectangle test misses most) onto a few words.
            for (int w = 0; w < 64; w++) {
                if (random.nextInt(64) == 0) {
                    words[w * 8] = 0;
                }
            }
            int word = random.nextInt(64);
            int n = random.nextInt(64 - word + 1);
            float[] sf = new float[64];
            float[] vf = new float[64];
            int sp = scalar.fastFloats(words, word, sf, 0, n);
            assertEquals(sp, vector.fastFloats(words, word, vf, 0, n), "floats passed, trial " + trial);
            assertArrayEquals(sf, vf, "floats, trial " + trial);
            double[] sd = new double[64];
            double[] vd = new double[64];
            assertEquals(sp, scalar.fastDoubles(words, word, sd, 0, n));
            assertEquals(sp, vector.fastDoubles(words, word, vd, 0, n), "doubles passed, trial " + trial);
            assertArrayEquals(sd, vd, "doubles, trial " + trial);
            misses += sp < n ? 1 : 0;
        }
        assertTrue(misses > 1000, "the rectangle test missed in " + misses + " trials");
    }

    @Test
    void prngIsTheSameOnBothFamilies() {
        assumeTrue(NoiseKernels.vectorAvailable(), "no Vector API here");
        PrngNoiseSource scalar = PrngNoiseSource.seeded(11, NoiseKernels.scalar());
        PrngNoiseSource vector = PrngNoiseSource.seeded(11, NoiseKernels.vector());
        SplittableRandom sizes = new SplittableRandom(1);
        for (int request = 0; request < 200; request++) {
            int n = 1 + sizes.nextInt(5000);
            float[] sf = new float[n];
            float[] vf = new float[n];
            scalar.fillFloats(sf, 0, n);
            vector.fillFloats(vf, 0, n);
            assertArrayEquals(sf, vf, "float request " + request);
            double[] sd = new double[n];
            double[] vd = new double[n];
            scalar.fillDoubles(sd, 0, n);
            vector.fillDoubles(vd, 0, n);
            assertArrayEquals(sd, vd, "double request " + request);
            byte[] sb = new byte[n];
            byte[] vb = new byte[n];
            scalar.fillBytes(sb, 0, n);
            vector.fillBytes(vb, 0, n);
            assertArrayEquals(sb, vb, "byte request " + request);
        }
    }
}

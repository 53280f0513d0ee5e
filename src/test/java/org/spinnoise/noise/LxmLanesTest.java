package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * The prng's lanes are the JDK's L64X128MixRandom, and the vector lanes give the scalar lanes' words: the scalar
 * lanes checked against eight JDK generators, the vector lanes and a whole prng source against the scalar ones.
 */
class LxmLanesTest {

    @Test
    void scalarLanesAreEightJdkGenerators() {
        for (long seed : new long[] {0, -42, Long.MAX_VALUE}) {
            LxmLanes lanes = new LxmLanes(seed, false);
            RandomGenerator[] jdk = new RandomGenerator[LxmLanes.LANES];
            for (int k = 0; k < jdk.length; k++) {
                jdk[k] = RandomGeneratorFactory.of(PrngNoiseSource.ALGORITHM).create(LxmLanes.laneSeed(seed, k));
            }
            byte[] block = new byte[4096];
            for (int refill = 0; refill < 4; refill++) {
                lanes.fill(block);
                for (int w = 0; w < block.length / 8; w++) {
                    assertEquals(jdk[w % 8].nextLong(), Ziggurat.word(block, w),
                            "seed " + seed + " refill " + refill + " word " + w);
                }
            }
        }
    }

    @Test
    void vectorLanesGiveTheScalarWords() {
        assumeTrue(LxmLanes.vectorAvailable(), "no 512-bit Vector API here");
        LxmLanes scalar = new LxmLanes(7, false);
        LxmLanes vector = new LxmLanes(7, true);
        byte[] expected = new byte[4096];
        byte[] actual = new byte[4096];
        for (int refill = 0; refill < 100; refill++) {
            scalar.fill(expected);
            vector.fill(actual);
            assertArrayEquals(expected, actual, "refill " + refill);
        }
    }

    @Test
    void prngIsTheSameWithEitherLanes() {
        assumeTrue(LxmLanes.vectorAvailable(), "no 512-bit Vector API here");
        PrngNoiseSource scalar = PrngNoiseSource.seeded(11, false);
        PrngNoiseSource vector = PrngNoiseSource.seeded(11, true);
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

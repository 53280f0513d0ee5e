package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;

/**
 * {@link NoiseSource#fillFloatsLittleEndian}, which the noise service writes its payloads with, gives bit for bit the
 * floats {@link NoiseSource#fillFloats} gives from the same stream, at an offset, across blocks and through the
 * ziggurat's slow paths, and accounts for them the same way, in every mode.
 */
class WireOrderFloatsTest {
    /** Enough samples to cross many refill blocks and take the wedge and tail paths (about 1% of samples). */
    private static final int COUNT = 100_003;
    private static final int OFFSET_BYTES = 12;

    @TempDir
    Path tmp;

    @Test
    void prngInPlaceMatchesFloatArrayInVectorAndScalarLanes() throws Exception {
        // The vector lanes need 512-bit vectors; on a machine without them the scalar lanes are checked alone.
        boolean[] lanes = LxmLanes.vectorAvailable() ? new boolean[] {true, false} : new boolean[] {false};
        for (boolean vector : lanes) {
            try (NoiseSource a = PrngNoiseSource.seeded(5, vector); NoiseSource b = PrngNoiseSource.seeded(5, vector)) {
                assertSameFloats(a, b);
            }
        }
    }

    @Test
    void drbgInPlaceMatchesFloatArray() throws Exception {
        try (EntropyPool poolA = TestPools.filled(tmp.resolve("a"), 4096, 8, null);
             EntropyPool poolB = TestPools.filled(tmp.resolve("b"), 4096, 8, null);
             NoiseSource a = NoiseSources.open(NoiseMode.DRBG, poolA, "wire", 0);
             NoiseSource b = NoiseSources.open(NoiseMode.DRBG, poolB, "wire", 0)) {
            assertSameFloats(a, b);
        }
    }

    @Test
    void trngThroughTheDefaultMatchesFloatArray() throws Exception {
        try (EntropyPool poolA = TestPools.filled(tmp.resolve("a"), 2 * COUNT * Float.BYTES, 9, null);
             EntropyPool poolB = TestPools.filled(tmp.resolve("b"), 2 * COUNT * Float.BYTES, 9, null);
             NoiseSource a = NoiseSources.open(NoiseMode.TRNG, poolA, "wire", 0);
             NoiseSource b = NoiseSources.open(NoiseMode.TRNG, poolB, "wire", 0)) {
            assertSameFloats(a, b);
        }
    }

    @Test
    void refusesARangeOutsideTheArray() {
        try (NoiseSource prng = PrngNoiseSource.seeded(1)) {
            assertThrows(IndexOutOfBoundsException.class, () -> prng.fillFloatsLittleEndian(new byte[40], 4, 10));
            assertEquals(0, prng.account().normals());
        }
    }

    /** Two sources on the same stream: one through a float array, the other in place; twice, so state carries. */
    private static void assertSameFloats(NoiseSource viaArray, NoiseSource inPlace) throws Exception {
        for (int round = 0; round < 2; round++) {
            float[] expected = new float[COUNT];
            viaArray.fillFloats(expected, 0, COUNT);
            byte[] wire = new byte[OFFSET_BYTES + COUNT * Float.BYTES + 8];
            inPlace.fillFloatsLittleEndian(wire, OFFSET_BYTES, COUNT);
            float[] actual = new float[COUNT];
            ByteBuffer.wrap(wire, OFFSET_BYTES, COUNT * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(actual);
            assertArrayEquals(expected, actual, viaArray.mode() + " round " + round);
            assertEquals(0, wire[0] | wire[OFFSET_BYTES - 1] | wire[wire.length - 1], "nothing written outside");
            assertEquals(viaArray.account(), inPlace.account());
        }
    }
}

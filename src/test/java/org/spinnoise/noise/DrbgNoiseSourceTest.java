package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;

class DrbgNoiseSourceTest {
    @TempDir
    Path tmp;

    @Test
    void floatsAndDoublesAreStandardNormal() throws Exception {
        int n = NormalityCheck.SAMPLES;
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 4096, 21, null);
             NoiseSource drbg = NoiseSources.open(NoiseMode.DRBG, pool, "dist", 0)) {
            assertEquals(NoiseMode.DRBG, drbg.mode());
            float[] floats = new float[n];
            drbg.fillFloats(floats, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(floats));
            double[] doubles = new double[n];
            drbg.fillDoubles(doubles, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(doubles));
        }
    }

    @Test
    void reseedsFromThePoolAndCountsTheSeedBits() throws Exception {
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 4096, 22, null);
             DrbgNoiseSource drbg = DrbgNoiseSource.seededFrom(n -> pool.take("seed", n), 100_000)) {
            assertEquals(new NoiseAccount(0, 0, 0, 48 * 8), drbg.account());
            // 100,000 floats = 400,000 bytes, drawn as 7 blocks of 64 KiB = 458,752 DRBG bytes: reseeds at
            // 100k, 200k, 300k and 400k bytes of output.
            drbg.fillFloats(new float[100_000], 0, 100_000);
            assertEquals(4, drbg.reseeds());
            NoiseAccount account = drbg.account();
            assertEquals(100_000, account.normals());
            assertEquals(7 * 65_536, account.streamPosition());
            assertEquals((1 + 4) * 48 * 8, account.hardwareBits());
            assertEquals(5 * 48L, pool.status().bytesOutByConsumer().get("seed"));
        }
    }

    @Test
    void refusesToContinueWhenThePoolCannotReseed() throws Exception {
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 60, 23, null);
             DrbgNoiseSource drbg = DrbgNoiseSource.seededFrom(n -> pool.take("seed", n), 1024)) {
            IOException e = assertThrows(IOException.class, () -> drbg.fillFloats(new float[10], 0, 10));
            assertTrue(e.getMessage().contains("refusing to generate unseeded output"), e.getMessage());
            assertEquals(48 * 8, drbg.account().hardwareBits());
        }
    }

    @Test
    void factoryRefusesWithoutAPool() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSources.open(NoiseMode.DRBG, null, "x", 0));
        assertTrue(e.getMessage().contains("--pool"), e.getMessage());
    }
}

package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            // 100,000 floats take about 51,000 words (408 KB), drawn in whole 64 KiB blocks: with a reseed every
            // 100,000 bytes of output, one reseed per 100,000 bytes generated beyond the first.
            drbg.fillFloats(new float[100_000], 0, 100_000);
            NoiseAccount account = drbg.account();
            assertEquals(100_000, account.normals());
            assertEquals(0, account.streamPosition() % 65_536);
            assertTrue(account.streamPosition() >= 400_000, "at least 32 bits per float32 normal");
            assertEquals((account.streamPosition() - 1) / 100_000, drbg.reseeds());
            assertTrue(drbg.reseeds() >= 4);
            assertEquals((1 + drbg.reseeds()) * 48 * 8, account.hardwareBits());
            assertEquals((1 + drbg.reseeds()) * 48, pool.status().bytesOutByConsumer().get("seed"));
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
    void rawBytesComeInWholeWordsAndAreCounted() throws Exception {
        // Two sources seeded alike (a fixed seed stands in for the pool here) produce the same stream.
        try (DrbgNoiseSource reference = DrbgNoiseSource.seededFrom(n -> new byte[n]);
             DrbgNoiseSource drbg = DrbgNoiseSource.seededFrom(n -> new byte[n])) {
            byte[] stream = new byte[24];
            reference.fillBytes(stream, 0, stream.length);
            byte[] first = new byte[13];
            drbg.fillBytes(first, 0, first.length);
            byte[] second = new byte[8];
            drbg.fillBytes(second, 0, second.length);
            // The 13 bytes used two words; the next request starts at the third word, never reusing bytes 13-15.
            assertArrayEquals(java.util.Arrays.copyOf(stream, 13), first);
            assertArrayEquals(java.util.Arrays.copyOfRange(stream, 16, 24), second);
            assertEquals(new NoiseAccount(0, 21, 65_536, 48 * 8), drbg.account());
        }
    }

    @Test
    void factoryRefusesWithoutAPool() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSources.open(NoiseMode.DRBG, null, "x", 0));
        assertTrue(e.getMessage().contains("--pool"), e.getMessage());
    }
}

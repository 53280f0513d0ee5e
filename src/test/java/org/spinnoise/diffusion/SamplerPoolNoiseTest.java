package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;

/** The samplers on the project's real noise sources: trng over an entropy pool on disk, and prng. */
class SamplerPoolNoiseTest {
    private static final ImageShape SHAPE = new ImageShape(1, 4, 4);
    private static final Denoiser HALF = new ProportionalDenoiser(SHAPE, 0.5f);

    @TempDir
    Path dir;

    private EntropyPool poolWith(int bytes) throws Exception {
        byte[] payload = new byte[bytes];
        new SplittableRandom(4).nextBytes(payload);
        EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults());
        pool.append(payload, 0, bytes, new IngestCounts(bytes * 10L, 0, bytes * 8.0), "sampler-test");
        return pool;
    }

    @Test
    void trngRunRecordsThePoolBitsEveryNormalCost() throws Exception {
        DdpmSampler ddpm = new DdpmSampler(NoiseSchedule.linear(50), DdpmSampler.Variance.POSTERIOR, true);
        int batch = 2;
        try (EntropyPool pool = poolWith(1 << 20);
             NoiseSource trng = NoiseSources.open(NoiseMode.TRNG, pool, "sampler-test", 0)) {
            SampleRun run = ddpm.sample(HALF, batch, trng);
            long normals = 50L * SHAPE.values() * batch;
            assertSame(NoiseMode.TRNG, run.mode());
            assertEquals(normals, run.normals());
            assertEquals(32 * normals, run.hardwareBits(), "trng spends one 32-bit pool word per float normal");
        }
    }

    @Test
    void aPoolTooSmallForTheRunRefusesIt() throws Exception {
        DdpmSampler ddpm = new DdpmSampler(NoiseSchedule.linear(1000), DdpmSampler.Variance.POSTERIOR, true);
        try (EntropyPool pool = poolWith(4096);
             NoiseSource trng = NoiseSources.open(NoiseMode.TRNG, pool, "sampler-test", 0)) {
            assertThrows(NoiseExhaustedException.class, () -> ddpm.sample(HALF, 4, trng));
        }
    }

    @Test
    void prngRunsRepeatForTheSameSeed() throws Exception {
        DdimSampler ddim = new DdimSampler(NoiseSchedule.cosine(1000), 20, 1.0, true);
        float[] first;
        try (NoiseSource prng = NoiseSources.open(NoiseMode.PRNG, null, null, 42)) {
            SampleRun run = ddim.sample(HALF, 3, prng);
            assertEquals(0, run.hardwareBits());
            assertEquals(20L * 16 * 3, run.normals());
            first = run.images();
        }
        try (NoiseSource prng = NoiseSources.open(NoiseMode.PRNG, null, null, 42)) {
            assertArrayEquals(first, ddim.sample(HALF, 3, prng).images());
        }
    }
}

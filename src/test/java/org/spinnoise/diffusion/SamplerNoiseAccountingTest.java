package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/** Every Gaussian a sampler uses comes from its noise source, and the run records exactly what it drew. */
class SamplerNoiseAccountingTest {
    private static final ImageShape SHAPE = new ImageShape(1, 4, 4);
    private static final int BATCH = 3;
    private static final int BITS_PER_NORMAL = 32;

    /** A denoiser that predicts a fixed fraction of its input, enough to make every step depend on x. */
    private static final Denoiser SHRINKING = new ProportionalDenoiser(SHAPE, 0.5f);

    private static SampleRun sampleAfterEarlierUse(Sampler sampler) throws IOException {
        SeededNormals noise = new SeededNormals(5, 1.0, BITS_PER_NORMAL);
        noise.fillFloats(new float[7], 0, 7);
        noise.fillBytes(new byte[3], 0, 3);
        return sampler.sample(SHRINKING, BATCH, noise);
    }

    @Test
    void ddpmDrawsTStepsOfNoisePerValue() throws IOException {
        DdpmSampler ddpm = new DdpmSampler(NoiseSchedule.linear(50), DdpmSampler.Variance.POSTERIOR, true);
        SampleRun run = sampleAfterEarlierUse(ddpm);
        long expected = 50L * SHAPE.values() * BATCH; // x_T, then steps t = 49 … 1; t = 0 adds none
        assertEquals(expected, run.normals());
        assertEquals(expected, ddpm.normalsPerImage(SHAPE) * BATCH);
        assertEquals(expected * BITS_PER_NORMAL, run.hardwareBits());
        assertEquals(0, run.bytes());
        assertEquals(50, run.denoiserCalls());
        assertSame(NoiseMode.TRNG, run.mode());
        assertEquals(expected * BITS_PER_NORMAL / (double) BATCH, run.hardwareBitsPerImage());
    }

    @Test
    void ddimDrawsOnlyTheStartWhenDeterministicAndOneDrawPerStepButTheLastOtherwise() throws IOException {
        NoiseSchedule schedule = NoiseSchedule.cosine(1000);
        DdimSampler deterministic = new DdimSampler(schedule, 10, 0.0, true);
        SampleRun run = sampleAfterEarlierUse(deterministic);
        assertEquals((long) SHAPE.values() * BATCH, run.normals());
        assertEquals(deterministic.normalsPerImage(SHAPE) * BATCH, run.normals());
        assertEquals(10, run.denoiserCalls());

        DdimSampler stochastic = new DdimSampler(schedule, 10, 0.5, true);
        run = sampleAfterEarlierUse(stochastic);
        assertEquals(10L * SHAPE.values() * BATCH, run.normals());
        assertEquals(stochastic.normalsPerImage(SHAPE) * BATCH, run.normals());
        assertEquals(run.normals() * BITS_PER_NORMAL, run.hardwareBits());
    }

    @Test
    void ddimTimestepsAreTrailingAndCoverEveryStepWhenSEqualsT() {
        assertArrayEquals(new int[] {999, 899, 799, 699, 599, 499, 399, 299, 199, 99},
                new DdimSampler(NoiseSchedule.linear(1000), 10, 0, false).timesteps());
        assertArrayEquals(new int[] {6, 4, 2}, new DdimSampler(NoiseSchedule.linear(7, 1e-3, 0.2), 3, 0, false).timesteps());
        int[] all = new DdimSampler(NoiseSchedule.linear(20, 1e-3, 0.2), 20, 0, false).timesteps();
        for (int i = 0; i < 20; i++) {
            assertEquals(19 - i, all[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(NoiseSchedule.linear(20, 1e-3, 0.2), 21, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new DdimSampler(NoiseSchedule.linear(20, 1e-3, 0.2), 5, -0.1, false));
    }

    @Test
    void ddimWithEveryStepAndEtaOneIsDdpmOnTheSameNoise() throws IOException {
        NoiseSchedule schedule = NoiseSchedule.linear(100);
        SampleRun ddpm = new DdpmSampler(schedule, DdpmSampler.Variance.POSTERIOR, false)
                .sample(SHRINKING, BATCH, new SeededNormals(9));
        SampleRun ddim = new DdimSampler(schedule, 100, 1.0, false).sample(SHRINKING, BATCH, new SeededNormals(9));
        assertEquals(ddpm.normals(), ddim.normals());
        for (int i = 0; i < ddpm.images().length; i++) {
            assertEquals(ddpm.images()[i], ddim.images()[i], 1e-4, "value " + i);
        }
    }

    @Test
    void theSamplesAreAFunctionOfTheNoiseStreamAlone() throws IOException {
        DdpmSampler ddpm = new DdpmSampler(NoiseSchedule.linear(30), DdpmSampler.Variance.BETA, true);
        float[] a = ddpm.sample(SHRINKING, BATCH, new SeededNormals(1)).images();
        float[] b = ddpm.sample(SHRINKING, BATCH, new SeededNormals(1)).images();
        float[] c = ddpm.sample(SHRINKING, BATCH, new SeededNormals(2)).images();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void aDryPoolStopsTheRunWithItsMessage() {
        NoiseSource dry = new NoiseSource() {
            private long normals;

            @Override
            public NoiseMode mode() {
                return NoiseMode.TRNG;
            }

            @Override
            public void fillFloats(float[] out, int offset, int length) throws IOException {
                if (normals + length > 100) {
                    throw new NoiseExhaustedException("pool pool/ is dry: ingest more bits", null);
                }
                normals += length;
            }

            @Override
            public void fillDoubles(double[] out, int offset, int length) {
                throw new UnsupportedOperationException("samplers draw floats");
            }

            @Override
            public void fillBytes(byte[] out, int offset, int length) {
                throw new UnsupportedOperationException("samplers draw normals");
            }

            @Override
            public NoiseAccount account() {
                return new NoiseAccount(normals, 0, normals, normals * 32);
            }

            @Override
            public void close() {
            }
        };
        NoiseExhaustedException e = assertThrows(NoiseExhaustedException.class,
                () -> new DdpmSampler(NoiseSchedule.linear(10, 1e-3, 0.2), DdpmSampler.Variance.POSTERIOR, true).sample(SHRINKING, BATCH, dry));
        assertEquals("pool pool/ is dry: ingest more bits", e.getMessage());
    }
}

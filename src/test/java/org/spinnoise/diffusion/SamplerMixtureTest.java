package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DDPM and DDIM with the exact ε of a 2-D Gaussian mixture reproduce the mixture; wrong schedules or noise do not. */
class SamplerMixtureTest {
    private static final int SAMPLES = 4000;
    private static final GaussianMixture TARGET = new GaussianMixture(new double[] {0.3, 0.7},
            new double[][] {{-1.2, 0.6}, {0.9, -0.4}}, new double[] {0.25, 0.35});
    private static final NoiseSchedule TRAINED = NoiseSchedule.linear(1000);

    private static List<String> run(Sampler sampler, NoiseSchedule denoiserSchedule, double noiseScale, long seed)
            throws IOException {
        SampleRun run = sampler.sample(TARGET.exactDenoiser(denoiserSchedule), SAMPLES, new SeededNormals(seed, noiseScale, 0));
        return MixtureCheck.mismatches(TARGET, MixtureCheck.rows(run));
    }

    @Test
    void theCheckPassesOnTargetDrawsAndFailsOnAShiftedMixture() {
        assertEquals(List.of(), MixtureCheck.mismatches(TARGET, TARGET.draw(SAMPLES, 1)));
        GaussianMixture wider = new GaussianMixture(TARGET.weights, TARGET.means, new double[] {0.28, 0.38});
        assertFalse(MixtureCheck.mismatches(TARGET, wider.draw(SAMPLES, 2)).isEmpty());
    }

    @Test
    void ddpmWithTheExactDenoiserReproducesTheMixture() throws IOException {
        assertEquals(List.of(), run(new DdpmSampler(TRAINED, DdpmSampler.Variance.POSTERIOR, false), TRAINED, 1.0, 11));
        assertEquals(List.of(), run(new DdpmSampler(TRAINED, DdpmSampler.Variance.BETA, false), TRAINED, 1.0, 12));
    }

    @Test
    void ddimReproducesTheMixtureDeterministicallyAndWithNoise() throws IOException {
        assertEquals(List.of(), run(new DdimSampler(TRAINED, 100, 0.0, false), TRAINED, 1.0, 13));
        assertEquals(List.of(), run(new DdimSampler(TRAINED, 200, 1.0, false), TRAINED, 1.0, 14));
    }

    @Test
    void aScheduleTheDenoiserWasNotTrainedWithFailsTheCheck() throws IOException {
        NoiseSchedule cosine = NoiseSchedule.cosine(1000);
        assertFalse(run(new DdpmSampler(cosine, DdpmSampler.Variance.POSTERIOR, false), TRAINED, 1.0, 15).isEmpty());
        assertFalse(run(new DdimSampler(cosine, 50, 0.0, false), TRAINED, 1.0, 16).isEmpty());
    }

    @Test
    void scaledNoiseFailsTheCheck() throws IOException {
        assertFalse(run(new DdpmSampler(TRAINED, DdpmSampler.Variance.POSTERIOR, false), TRAINED, 0.8, 17).isEmpty());
        assertFalse(run(new DdpmSampler(TRAINED, DdpmSampler.Variance.POSTERIOR, false), TRAINED, 1.25, 18).isEmpty());
        assertFalse(run(new DdimSampler(TRAINED, 200, 1.0, false), TRAINED, 0.8, 19).isEmpty());
    }
}

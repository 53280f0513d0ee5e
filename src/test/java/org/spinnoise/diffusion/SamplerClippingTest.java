package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** With x̂_0 clipping on, both samplers end inside the image range even when the network's x̂_0 lies far outside it. */
class SamplerClippingTest {
    private static final ImageShape SHAPE = new ImageShape(1, 3, 3);

    /** Predicts ε = −x, which makes x̂_0 = (1 + √(1−ᾱ)) x / √ᾱ: far outside [−1, 1] at noisy steps. */
    private static final Denoiser OVERSHOOTING = new ProportionalDenoiser(SHAPE, -1f);

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Test
    void clippedRunsEndInsideMinusOneToOneAndUnclippedOnesDoNot() throws IOException {
        NoiseSchedule schedule = NoiseSchedule.linear(100);
        Sampler[] clipped = {new DdpmSampler(schedule, DdpmSampler.Variance.POSTERIOR, true),
                new DdimSampler(schedule, 10, 0.0, true), new DdimSampler(schedule, 10, 1.0, true)};
        for (Sampler s : clipped) {
            float max = maxAbs(s.sample(OVERSHOOTING, 8, new SeededNormals(4)).images());
            assertTrue(max <= 1.0f, s.description() + " max |x| " + max);
        }
        Sampler[] unclipped = {new DdpmSampler(schedule, DdpmSampler.Variance.POSTERIOR, false),
                new DdimSampler(schedule, 10, 0.0, false)};
        for (Sampler s : unclipped) {
            float max = maxAbs(s.sample(OVERSHOOTING, 8, new SeededNormals(4)).images());
            assertTrue(max > 1.5f, s.description() + " max |x| " + max);
        }
    }
}

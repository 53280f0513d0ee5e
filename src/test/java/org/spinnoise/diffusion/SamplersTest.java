package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one choice of sampler by name that {@code sample} and {@code evaluate} share. */
class SamplersTest {
    private final NoiseSchedule schedule = NoiseSchedule.linear(100);

    @Test
    void ddimTakesItsStepsAndEtaAndDdpmEveryStep() {
        Sampler ddim = Samplers.byName("DDIM", schedule, 10, 0.5);
        assertInstanceOf(DdimSampler.class, ddim);
        assertEquals("ddim(S=10, eta=0.5, clip=true, schedule=" + schedule.name() + ")", ddim.description());
        Sampler ddpm = Samplers.byName("ddpm", schedule, 10, 0.5);
        assertInstanceOf(DdpmSampler.class, ddpm);
        assertEquals(100 * 4, ddpm.normalsPerImage(new ImageShape(1, 2, 2)));
    }

    @Test
    void anUnknownNameIsOneErrorNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.byName("euler", schedule, 10, 0));
        assertEquals("unknown sampler 'euler': use ddim or ddpm", e.getMessage());
    }
}

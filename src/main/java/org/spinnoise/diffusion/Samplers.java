package org.spinnoise.diffusion;

import java.util.Locale;

/**
 * The samplers a user can choose by name, in one place for every command that samples ({@code sample},
 * {@code evaluate}): {@code ddim} (DDIM with {@code steps} steps and stochasticity η, clipped to the data range) and
 * {@code ddpm} (ancestral DDPM over every step of the schedule; steps and η do not apply). An unknown name is one
 * error naming the choices.
 */
public final class Samplers {
    /** The names {@link #byName} knows, in the order the error lists them. */
    private static final String NAMES = "ddim or ddpm";

    private Samplers() {
    }

    /**
     * The sampler called {@code name} (any case) for a model trained with {@code schedule}.
     *
     * @param steps DDIM steps S (ddim only)
     * @param eta   DDIM η; 0 is deterministic after x_T, 1 injects noise at every step (ddim only)
     */
    public static Sampler byName(String name, NoiseSchedule schedule, int steps, double eta) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ddim" -> new DdimSampler(schedule, steps, eta, true);
            case "ddpm" -> DdpmSampler.forImages(schedule);
            default -> throw new IllegalArgumentException("unknown sampler '" + name + "': use " + NAMES);
        };
    }
}

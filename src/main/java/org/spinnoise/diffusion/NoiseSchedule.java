package org.spinnoise.diffusion;

import java.util.Arrays;
import java.util.Locale;

/**
 * A forward-process variance schedule β_0 … β_{T−1} and the quantities samplers derive from it: α_t = 1 − β_t, the
 * running product ᾱ_t = α_0 ⋯ α_t, and the Gaussian posterior q(x_{t−1} | x_t, x_0) with mean
 * {@code posteriorMeanCoefX0(t)·x_0 + posteriorMeanCoefXt(t)·x_t} and variance β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t),
 * taking ᾱ_{−1} = 1. Timesteps are 0-based, as in {@link Denoiser}. Immutable.
 */
public final class NoiseSchedule {
    /** The number of steps used when none is given (Ho et al. 2020). */
    public static final int DEFAULT_STEPS = 1000;

    private final String name;
    private final double[] betas;
    private final double[] alphaBars;

    private NoiseSchedule(String name, double[] betas) {
        if (betas.length < 1) {
            throw new IllegalArgumentException("a noise schedule needs at least one step");
        }
        this.name = name;
        this.betas = betas.clone();
        this.alphaBars = new double[betas.length];
        double product = 1.0;
        for (int t = 0; t < betas.length; t++) {
            if (!(betas[t] > 0 && betas[t] < 1)) {
                throw new IllegalArgumentException(name + ": beta_" + t + " = " + betas[t] + " is outside (0, 1)");
            }
            product *= 1.0 - betas[t];
            alphaBars[t] = product;
        }
    }

    /**
     * The linear schedule of Ho et al. with β from 1e-4 to 0.02 at T = 1000, both ends scaled by 1000/T for other T
     * (as Nichol and Dhariwal do) so the total noise added stays comparable. That scaling needs T &gt; 20.
     */
    public static NoiseSchedule linear(int steps) {
        if (steps <= 20) {
            throw new IllegalArgumentException("the default linear schedule needs more than 20 steps (its last beta is 20/T), got "
                    + steps + "; give the first and last beta explicitly");
        }
        double scale = 1000.0 / steps;
        return linear(steps, scale * 1e-4, scale * 0.02);
    }

    /** β_t evenly spaced from {@code betaFirst} (t = 0) to {@code betaLast} (t = T − 1). */
    public static NoiseSchedule linear(int steps, double betaFirst, double betaLast) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = steps == 1 ? betaFirst : betaFirst + (betaLast - betaFirst) * t / (steps - 1);
        }
        return new NoiseSchedule(String.format(Locale.ROOT, "linear(T=%d, beta %.6g..%.6g)", steps, betaFirst, betaLast), b);
    }

    /** The cosine schedule of Nichol and Dhariwal (2021) with offset s = 0.008 and β clipped at 0.999. */
    public static NoiseSchedule cosine(int steps) {
        return cosine(steps, 0.008, 0.999);
    }

    /**
     * Cosine schedule: ᾱ(u) = f(u)/f(0) with f(u) = cos²(((u/T) + s)/(1 + s) · π/2), and
     * β_t = min(1 − ᾱ(t+1)/ᾱ(t), {@code maxBeta}); the clip keeps the last steps from being singular.
     */
    public static NoiseSchedule cosine(int steps, double offset, double maxBeta) {
        requireSteps(steps);
        double[] b = new double[steps];
        for (int t = 0; t < steps; t++) {
            b[t] = Math.min(1.0 - cosineF(t + 1, steps, offset) / cosineF(t, steps, offset), maxBeta);
        }
        return new NoiseSchedule(String.format(Locale.ROOT, "cosine(T=%d, s=%.4g, max beta %.4g)", steps, offset, maxBeta), b);
    }

    /** A schedule from explicit β values (each in (0, 1)), named for logs and checkpoints. */
    public static NoiseSchedule ofBetas(String name, double[] betas) {
        return new NoiseSchedule(name, betas);
    }

    /** The schedule for a command-line name: {@code linear} or {@code cosine}, with T steps. */
    public static NoiseSchedule named(String kind, int steps) {
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "linear" -> linear(steps);
            case "cosine" -> cosine(steps);
            default -> throw new IllegalArgumentException("unknown noise schedule '" + kind + "': use linear or cosine");
        };
    }

    static double cosineF(double u, int steps, double offset) {
        double c = Math.cos((u / steps + offset) / (1 + offset) * Math.PI / 2);
        return c * c;
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a noise schedule needs at least one step, got " + steps);
        }
    }

    public String name() {
        return name;
    }

    /** T, the number of diffusion steps. */
    public int steps() {
        return betas.length;
    }

    public double beta(int t) {
        return betas[t];
    }

    public double alpha(int t) {
        return 1.0 - betas[t];
    }

    /** ᾱ_t = ∏_{s ≤ t} (1 − β_s); {@code alphaBar(-1)} is 1, the clean data. */
    public double alphaBar(int t) {
        return t < 0 ? 1.0 : alphaBars[t];
    }

    /** β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t), the variance of q(x_{t−1} | x_t, x_0); zero at t = 0. */
    public double posteriorVariance(int t) {
        return betas[t] * (1.0 - alphaBar(t - 1)) / (1.0 - alphaBars[t]);
    }

    /** The coefficient of x_0 in the posterior mean: β_t √ᾱ_{t−1} / (1 − ᾱ_t). */
    public double posteriorMeanCoefX0(int t) {
        return betas[t] * Math.sqrt(alphaBar(t - 1)) / (1.0 - alphaBars[t]);
    }

    /** The coefficient of x_t in the posterior mean: (1 − ᾱ_{t−1}) √α_t / (1 − ᾱ_t). */
    public double posteriorMeanCoefXt(int t) {
        return (1.0 - alphaBar(t - 1)) * Math.sqrt(alpha(t)) / (1.0 - alphaBars[t]);
    }

    /** A copy of β_0 … β_{T−1}. */
    public double[] betas() {
        return betas.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoiseSchedule s && Arrays.equals(betas, s.betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }

    @Override
    public String toString() {
        return name;
    }
}

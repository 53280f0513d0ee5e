package org.spinnoise.diffusion;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseSource;

/**
 * DDIM sampling (Song et al. 2021) over S of the T training steps, with stochasticity η (0: deterministic, 1: the
 * DDPM-like variance). The steps are spaced "trailing": τ_i = ⌈(i+1)·T/S⌉ − 1 for i = 0 … S−1, so the first step is
 * always the noisiest timestep T − 1 and S = T visits every step. From τ_i to the previous step (ᾱ_prev = ᾱ at
 * τ_{i−1}, or 1 after the last step): x̂_0 as in DDPM, σ = η √((1−ᾱ_prev)/(1−ᾱ)) √(1 − ᾱ/ᾱ_prev), and
 * x_prev = √ᾱ_prev x̂_0 + √(1 − ᾱ_prev − σ²) ε̂ + σ z. Noise z is drawn only when σ &gt; 0, that is for η &gt; 0 and
 * every step but the last: an image of d values draws d normals for x_T plus, when η &gt; 0, d for each of S − 1 steps.
 */
public final class DdimSampler implements Sampler {
    private final NoiseSchedule schedule;
    private final int samplingSteps;
    private final double eta;
    private final boolean clipX0;

    public DdimSampler(NoiseSchedule schedule, int samplingSteps, double eta, boolean clipX0) {
        if (samplingSteps < 1 || samplingSteps > schedule.steps()) {
            throw new IllegalArgumentException("DDIM steps must be between 1 and T = " + schedule.steps() + ", got " + samplingSteps);
        }
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("DDIM eta must be 0 or more, got " + eta);
        }
        this.schedule = schedule;
        this.samplingSteps = samplingSteps;
        this.eta = eta;
        this.clipX0 = clipX0;
    }

    /** The timesteps visited, noisiest first. */
    public int[] timesteps() {
        int total = schedule.steps();
        int[] tau = new int[samplingSteps];
        for (int i = 0; i < samplingSteps; i++) {
            tau[samplingSteps - 1 - i] = (int) (((long) (i + 1) * total + samplingSteps - 1) / samplingSteps) - 1;
        }
        return tau;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "ddim(S=%d, eta=%s, clip=%s, schedule=%s)", samplingSteps, eta, clipX0,
                schedule.name());
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public long normalsPerImage(ImageShape shape) {
        return (long) shape.values() * (1 + (eta > 0 ? samplingSteps - 1 : 0));
    }

    @Override
    public SampleRun sample(Denoiser denoiser, int batch, NoiseSource noise, StepListener progress) throws IOException {
        ImageShape shape = denoiser.shape();
        int n = shape.values(batch);
        NoiseAccount before = noise.account();
        float[] x = new float[n];
        float[] eps = new float[n];
        float[] z = new float[n];
        int[] batchTimesteps = new int[batch];
        noise.fillFloats(x, 0, n);
        int[] tau = timesteps();
        for (int i = 0; i < tau.length; i++) {
            int t = tau[i];
            Arrays.fill(batchTimesteps, t);
            denoiser.predictNoise(x, batch, batchTimesteps, eps);
            double alphaBar = schedule.alphaBar(t);
            double alphaBarPrev = i + 1 < tau.length ? schedule.alphaBar(tau[i + 1]) : 1.0;
            double sigma = 0;
            if (eta > 0 && i + 1 < tau.length) {
                sigma = eta * Math.sqrt((1 - alphaBarPrev) / (1 - alphaBar)) * Math.sqrt(1 - alphaBar / alphaBarPrev);
                noise.fillFloats(z, 0, n);
            }
            double sqrtAlphaBar = Math.sqrt(alphaBar);
            double sqrtOneMinusAlphaBar = Math.sqrt(1 - alphaBar);
            double sqrtAlphaBarPrev = Math.sqrt(alphaBarPrev);
            double directionCoef = Math.sqrt(Math.max(0.0, 1 - alphaBarPrev - sigma * sigma));
            for (int k = 0; k < n; k++) {
                double e = eps[k];
                double x0 = (x[k] - sqrtOneMinusAlphaBar * e) / sqrtAlphaBar;
                if (clipX0 && (x0 > 1.0 || x0 < -1.0)) {
                    // Keep ε consistent with the clipped x̂_0 so the step stays on the same trajectory.
                    x0 = Math.max(-1.0, Math.min(1.0, x0));
                    e = (x[k] - sqrtAlphaBar * x0) / sqrtOneMinusAlphaBar;
                }
                double next = sqrtAlphaBarPrev * x0 + directionCoef * e;
                x[k] = (float) (sigma > 0 ? next + sigma * z[k] : next);
            }
            progress.stepDone(i + 1, tau.length);
        }
        return Sampler.record(this, x, batch, shape, noise, before, tau.length);
    }
}

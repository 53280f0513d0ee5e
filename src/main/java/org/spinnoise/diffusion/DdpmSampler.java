package org.spinnoise.diffusion;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseSource;

/**
 * DDPM ancestral sampling (Ho et al. 2020) over all T steps: x_{T−1} ~ N(0, I), then for t = T−1 … 0 the predicted
 * x̂_0 = (x_t − √(1−ᾱ_t) ε̂) / √ᾱ_t (optionally clipped to [−1, 1]), the posterior mean μ̃_t(x_t, x̂_0), and
 * x_{t−1} = μ̃_t + σ_t z with fresh z for every t ≥ 1; the last step (t = 0) adds no noise. So one image of d values
 * draws exactly T · d normals: d for the start and d for each of the T − 1 noisy steps.
 */
public final class DdpmSampler implements Sampler {

    /** The reverse-step variance σ_t²: the posterior's β̃_t, or β_t; Ho et al. found both give similar samples. */
    public enum Variance { POSTERIOR, BETA }

    private final NoiseSchedule schedule;
    private final Variance variance;
    private final boolean clipX0;

    public DdpmSampler(NoiseSchedule schedule, Variance variance, boolean clipX0) {
        this.schedule = schedule;
        this.variance = variance;
        this.clipX0 = clipX0;
    }

    /** The usual image setting: posterior variance, x̂_0 clipped to the data range. */
    public static DdpmSampler forImages(NoiseSchedule schedule) {
        return new DdpmSampler(schedule, Variance.POSTERIOR, true);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "ddpm(T=%d, variance=%s, clip=%s, schedule=%s)", schedule.steps(),
                variance.name().toLowerCase(Locale.ROOT), clipX0, schedule.name());
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public long normalsPerImage(ImageShape shape) {
        return (long) schedule.steps() * shape.values();
    }

    @Override
    public SampleRun sample(Denoiser denoiser, int batch, NoiseSource noise, StepListener progress) throws IOException {
        ImageShape shape = denoiser.shape();
        int n = shape.values(batch);
        NoiseAccount before = noise.account();
        float[] x = new float[n];
        float[] eps = new float[n];
        float[] z = new float[n];
        int[] timesteps = new int[batch];
        noise.fillFloats(x, 0, n);
        int steps = schedule.steps();
        for (int t = steps - 1; t >= 0; t--) {
            Arrays.fill(timesteps, t);
            denoiser.predictNoise(x, batch, timesteps, eps);
            double sqrtAlphaBar = Math.sqrt(schedule.alphaBar(t));
            double sqrtOneMinusAlphaBar = Math.sqrt(1.0 - schedule.alphaBar(t));
            double coefX0 = schedule.posteriorMeanCoefX0(t);
            double coefXt = schedule.posteriorMeanCoefXt(t);
            double sigma = 0;
            if (t > 0) {
                sigma = Math.sqrt(variance == Variance.POSTERIOR ? schedule.posteriorVariance(t) : schedule.beta(t));
                noise.fillFloats(z, 0, n);
            }
            for (int i = 0; i < n; i++) {
                double x0 = (x[i] - sqrtOneMinusAlphaBar * eps[i]) / sqrtAlphaBar;
                if (clipX0) {
                    x0 = Math.max(-1.0, Math.min(1.0, x0));
                }
                double mean = coefX0 * x0 + coefXt * x[i];
                x[i] = (float) (t > 0 ? mean + sigma * z[i] : mean);
            }
            progress.stepDone(steps - t, steps);
        }
        return Sampler.record(this, x, batch, shape, noise, before, steps);
    }
}

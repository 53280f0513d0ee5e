package org.spinnoise.diffusion;

import java.io.IOException;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseSource;

/**
 * A reverse-diffusion sampler: starts from Gaussian noise x_T and denoises it step by step with a {@link Denoiser}.
 * Every Gaussian it uses (x_T and each step's injected noise) is drawn from the given {@link NoiseSource}, so the
 * noise mode alone decides where a sample's randomness came from. It knows beforehand how many normals a run draws, so
 * a caller can check a {@code trng} budget before starting.
 */
public interface Sampler {

    /** The sampler and its settings, as recorded with every run. */
    String description();

    /** The schedule the denoiser must have been trained with. */
    NoiseSchedule schedule();

    /** N(0, 1) samples one image of this shape draws. */
    long normalsPerImage(ImageShape shape);

    /** Generates {@code batch} images, calling {@code progress} after each denoising step. */
    SampleRun sample(Denoiser denoiser, int batch, NoiseSource noise, StepListener progress) throws IOException;

    /** Generates {@code batch} images. */
    default SampleRun sample(Denoiser denoiser, int batch, NoiseSource noise) throws IOException {
        return sample(denoiser, batch, noise, StepListener.SILENT);
    }

    /** Told after each denoising step; samplers call it on their own thread. */
    @FunctionalInterface
    interface StepListener {
        StepListener SILENT = (done, total) -> { };

        void stepDone(int stepsDone, int stepsTotal);
    }

    /** The run record from the source's accounts before and after. */
    static SampleRun record(Sampler sampler, float[] images, int batch, ImageShape shape, NoiseSource noise,
                            NoiseAccount before, int denoiserCalls) {
        NoiseAccount after = noise.account();
        return new SampleRun(images, batch, shape, sampler.description(), noise.mode(), after.normals() - before.normals(),
                after.bytes() - before.bytes(), after.hardwareBits() - before.hardwareBits(), denoiserCalls);
    }
}

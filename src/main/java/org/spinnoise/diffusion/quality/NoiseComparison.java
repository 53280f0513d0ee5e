package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.noise.NoiseSource;

/**
 * The quality experiment with everything fixed but the noise: for each noise candidate and each seed, generate images
 * with the same sampler and denoiser, fit their features and measure the Fréchet distance to a reference fit (the
 * test set's). The spread over seeds is what a difference between candidates must be judged against.
 */
public final class NoiseComparison {

    /** Opens a fresh noise source for one seed (sources without a seed, such as trng, may ignore it). */
    @FunctionalInterface
    public interface NoiseOpener {
        NoiseSource open(long seed) throws IOException;
    }

    /** A named noise source to compare, e.g. {@code trng}, {@code prng}, {@code clt-4}. */
    public record Candidate(String label, NoiseOpener opener) {
    }

    /** Told after each seed of each candidate. */
    @FunctionalInterface
    public interface Progress {
        Progress SILENT = (label, seed, distance) -> { };

        void seedDone(String label, long seed, double distance);
    }

    private NoiseComparison() {
    }

    /**
     * Runs the experiment. Each (candidate, seed) generates {@code imagesPerSeed} images in batches of
     * {@code batchSize}; the distance is the squared Fréchet distance, as FID reports it.
     */
    public static ComparisonTable run(Sampler sampler, Denoiser denoiser, FeatureExtractor extractor, GaussianFit reference,
                                      int referenceImages, List<Candidate> candidates, long[] seeds, int imagesPerSeed,
                                      int batchSize, Progress progress) throws IOException {
        if (seeds.length < 2) {
            throw new IllegalArgumentException("the spread over seeds needs at least 2 seeds, got " + seeds.length);
        }
        if (!extractor.shape().equals(denoiser.shape())) {
            throw new IllegalArgumentException("the feature extractor takes " + extractor.shape() + " images, the denoiser makes "
                    + denoiser.shape());
        }
        List<ComparisonTable.Row> rows = new ArrayList<>();
        for (Candidate candidate : candidates) {
            double[] distances = new double[seeds.length];
            long normals = 0;
            long hardwareBits = 0;
            String mode = null;
            for (int s = 0; s < seeds.length; s++) {
                FeatureFits fits = new FeatureFits(extractor);
                try (NoiseSource noise = candidate.opener().open(seeds[s])) {
                    for (int done = 0; done < imagesPerSeed; done += batchSize) {
                        int size = Math.min(batchSize, imagesPerSeed - done);
                        SampleRun run = sampler.sample(denoiser, size, noise);
                        fits.add(run.images(), size);
                        normals += run.normals();
                        hardwareBits += run.hardwareBits();
                        mode = run.mode().label();
                    }
                }
                distances[s] = FrechetDistance.squared(fits.fit(), reference);
                progress.seedDone(candidate.label(), seeds[s], distances[s]);
            }
            double images = (double) imagesPerSeed * seeds.length;
            rows.add(new ComparisonTable.Row(candidate.label(), mode, distances, mean(distances), std(distances),
                    normals / images, hardwareBits / images));
        }
        return new ComparisonTable("squared Fréchet distance (" + extractor.description() + ")", sampler.description(),
                extractor.description(), imagesPerSeed, seeds.clone(), referenceImages, List.copyOf(rows));
    }

    static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    /** Sample standard deviation (n − 1). */
    static double std(double[] v) {
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += (x - m) * (x - m);
        }
        return Math.sqrt(sum / (v.length - 1));
    }
}

package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.noise.DiagnosedNoiseSource;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.PrngNoiseSource;

/**
 * The quality experiment with everything fixed but the noise: each noise source generates the same number of images
 * with the same sampler and denoiser, split over several seeds (independent noise streams), and their features are
 * extracted once and kept. Each source gets its unbiased KID against the reference with a bootstrap interval, FID and
 * FID∞ beside it, and a two-sample test against the baseline source ({@link KidDifference}); every source is wrapped
 * in a {@link DiagnosedNoiseSource}, so the table also says whether the normals it drew looked like N(0, 1).
 */
public final class NoiseComparison {

    /** Opens a fresh noise source for one seed (sources without a seed, such as trng, may ignore it). */
    @FunctionalInterface
    public interface NoiseOpener {
        NoiseSource open(long seed) throws IOException;
    }

    /**
     * A named noise source to compare, e.g. {@code trng}, {@code prng}, {@code clt-4}, with how it makes a normal from
     * bits (one line stating the bits per normal and the exact correction; null when not stated).
     */
    public record Candidate(String label, NoiseOpener opener, String construction) {

        public Candidate(String label, NoiseOpener opener) {
            this(label, opener, null);
        }
    }

    /**
     * How the statistics are run.
     *
     * @param bootstrapReplicates B of every bootstrap interval
     * @param level               confidence level of the intervals (0.95)
     * @param permutations        relabellings of the permutation test
     * @param seed                seed of the resampling (not of the noise)
     * @param baseline            label of the source every other is tested against (prng)
     */
    public record Statistics(int bootstrapReplicates, double level, int permutations, long seed, String baseline) {
        public Statistics {
            if (bootstrapReplicates < 10 || permutations < 10) {
                throw new IllegalArgumentException("at least 10 bootstrap replicates and 10 permutations, got "
                        + bootstrapReplicates + " and " + permutations);
            }
        }
    }

    /** Told after each seed of each source, and shown each batch of images as it is generated. */
    @FunctionalInterface
    public interface Progress {
        Progress SILENT = (label, seed, kid) -> { };

        /** Seed {@code seed} of {@code label} is done; {@code kid} is the KID of its share of the images. */
        void seedDone(String label, long seed, double kid);

        /** A batch of {@code label}'s images for {@code seed}, as generated (e.g. to keep a grid of the first). */
        default void batchDone(String label, long seed, SampleRun run) {
        }

        /** The statistics of the sources are being computed (bootstrap, tests). */
        default void statistics(String what) {
        }
    }

    private NoiseComparison() {
    }

    /**
     * Runs the experiment: {@code imagesPerSource} images per source, as equal shares over {@code seeds}, in
     * batches of {@code batchSize}.
     */
    public static ComparisonTable run(Sampler sampler, Denoiser denoiser, FeatureExtractor extractor,
                                      EvaluationReference reference, List<Candidate> candidates, long[] seeds,
                                      int imagesPerSource, int batchSize, Statistics statistics, Progress progress)
            throws IOException {
        if (seeds.length < 1 || imagesPerSource < 2L * seeds.length) {
            throw new IllegalArgumentException("each of the " + seeds.length + " seeds needs at least 2 images, got "
                    + imagesPerSource + " per source");
        }
        if (!extractor.shape().equals(denoiser.shape())) {
            throw new IllegalArgumentException("the feature extractor takes " + extractor.shape()
                    + " images, the denoiser makes " + denoiser.shape());
        }
        List<ComparisonTable.Row> rows = new ArrayList<>();
        Map<String, SourceKernel> kernels = new LinkedHashMap<>();
        Map<String, double[]> bootstraps = new LinkedHashMap<>();
        float[] scratch = new float[0];
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            SourceKernel kernel = new SourceKernel(reference.kernel(), imagesPerSource);
            double[] kidPerSeed = new double[seeds.length];
            List<String> checks = new ArrayList<>();
            boolean flagged = false;
            long normals = 0;
            long hardwareBits = 0;
            long constructionBytes = 0;
            boolean countsBits = true;
            String mode = null;
            for (int s = 0; s < seeds.length; s++) {
                int share = imagesPerSource / seeds.length + (s < imagesPerSource % seeds.length ? 1 : 0);
                int first = kernel.count();
                NoiseSource opened = candidate.opener().open(seeds[s]);
                countsBits &= !(opened instanceof PrngNoiseSource);
                try (DiagnosedNoiseSource noise = new DiagnosedNoiseSource(opened)) {
                    for (int done = 0; done < share; done += batchSize) {
                        int size = Math.min(batchSize, share - done);
                        SampleRun run = sampler.sample(denoiser, size, noise);
                        int values = size * extractor.featureCount();
                        if (scratch.length < values) {
                            scratch = new float[values];
                        }
                        extractor.extract(run.images(), size, scratch);
                        kernel.add(scratch, size);
                        progress.batchDone(candidate.label(), seeds[s], run);
                        mode = run.mode().label();
                    }
                    // The whole account, not the sum of the runs': a DRBG's seed is taken when it opens (issue 19).
                    NoiseAccount account = noise.account();
                    normals += account.normals();
                    hardwareBits += account.hardwareBits();
                    constructionBytes += account.streamPosition();
                    checks.add(noise.diagnostics().summary());
                    flagged |= noise.diagnostics().flagged();
                }
                kidPerSeed[s] = kernel.kid(first, kernel.count());
                progress.seedDone(candidate.label(), seeds[s], kidPerSeed[s]);
            }
            progress.statistics(candidate.label() + ": bootstrap of " + statistics.bootstrapReplicates()
                    + " replicates, FID∞");
            double[] replicates = kernel.bootstrap(statistics.bootstrapReplicates(), statistics.seed(), c);
            double tail = (1 - statistics.level()) / 2;
            FidExtrapolation fid = FidExtrapolation.of(kernel.features(), kernel.count(), kernel.dims(),
                    reference.fit(), statistics.seed() + c);
            double kid = kernel.kid();
            kernel.release();
            kernels.put(candidate.label(), kernel);
            bootstraps.put(candidate.label(), replicates);
            double bitsPerNormal = countsBits && normals > 0 ? 8.0 * constructionBytes / normals : Double.NaN;
            rows.add(new ComparisonTable.Row(candidate.label(), mode, imagesPerSource, kidPerSeed, kid,
                    SourceKernel.quantile(replicates, tail), SourceKernel.quantile(replicates, 1 - tail), fid.fid(),
                    fid.fidInfinity(), (double) normals / imagesPerSource, (double) hardwareBits / imagesPerSource,
                    bitsPerNormal, flagged, List.copyOf(checks), candidate.construction()));
        }
        List<KidDifference> differences = new ArrayList<>();
        SourceKernel base = kernels.get(statistics.baseline());
        if (base != null) {
            for (Map.Entry<String, SourceKernel> e : kernels.entrySet()) {
                if (!e.getKey().equals(statistics.baseline())) {
                    progress.statistics(e.getKey() + " vs " + statistics.baseline() + ": "
                            + statistics.permutations() + " permutations");
                    differences.add(KidDifference.test(e.getKey(), e.getValue(), bootstraps.get(e.getKey()),
                            statistics.baseline(), base, bootstraps.get(statistics.baseline()), statistics.level(),
                            statistics.permutations(), statistics.seed() ^ e.getKey().hashCode()));
                }
            }
        }
        return new ComparisonTable("KID (unbiased MMD² with the kernel (x·y/d + 1)³; " + extractor.description() + ")",
                sampler.description(), extractor.description(), imagesPerSource, seeds.clone(), reference.images(),
                statistics.bootstrapReplicates(), statistics.level(), statistics.baseline(), List.copyOf(rows),
                List.copyOf(differences));
    }
}

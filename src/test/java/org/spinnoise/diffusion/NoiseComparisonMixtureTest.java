package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.quality.ComparisonTable;
import org.spinnoise.diffusion.quality.FeatureExtractor;
import org.spinnoise.diffusion.quality.GaussianFit;
import org.spinnoise.diffusion.quality.NoiseComparison;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;

/**
 * The noise-source comparison end to end on the 2-D Gaussian mixture, where the features are the points themselves:
 * trng from a real pool and prng land within the seed spread of each other, deliberately scaled noise is clearly worse.
 */
class NoiseComparisonMixtureTest {
    private static final GaussianMixture TARGET = new GaussianMixture(new double[] {0.4, 0.6},
            new double[][] {{-1.0, 0.5}, {0.8, -0.3}}, new double[] {0.3, 0.3});
    private static final ImageShape POINT = new ImageShape(2, 1, 1);

    /** The identity: a point's features are its coordinates. */
    private static final FeatureExtractor COORDINATES = new FeatureExtractor() {
        @Override
        public String description() {
            return "coordinates";
        }

        @Override
        public ImageShape shape() {
            return POINT;
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public void extract(float[] images, int batch, float[] out) {
            System.arraycopy(images, 0, out, 0, batch * 2);
        }
    };

    @TempDir
    Path dir;

    @Test
    void trngAndPrngAgreeWithinTheSpreadAndScaledNoiseIsClearlyWorse() throws Exception {
        NoiseSchedule schedule = NoiseSchedule.linear(100);
        Sampler sampler = new DdpmSampler(schedule, DdpmSampler.Variance.POSTERIOR, false);
        int images = 1000;
        long[] seeds = {1, 2, 3};
        double[][] draws = TARGET.draw(20_000, 77);
        float[] flat = new float[draws.length * 2];
        for (int i = 0; i < draws.length; i++) {
            flat[2 * i] = (float) draws[i][0];
            flat[2 * i + 1] = (float) draws[i][1];
        }
        GaussianFit reference = GaussianFit.of(flat, draws.length, 2);
        long poolBytes = (long) sampler.normalsPerImage(POINT) * images * seeds.length * Float.BYTES
                + seeds.length * (64L << 10); // each trng source opened may leave up to one 64 KiB chunk unused
        byte[] payload = new byte[(int) poolBytes];
        new SplittableRandom(12).nextBytes(payload);
        try (EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults())) {
            pool.append(payload, 0, payload.length, new IngestCounts(payload.length * 10L, 0, payload.length * 8.0), "cmp");
            List<NoiseComparison.Candidate> candidates = List.of(
                    new NoiseComparison.Candidate("trng", seed -> NoiseSources.open(NoiseMode.TRNG, pool, "cmp", seed)),
                    new NoiseComparison.Candidate("prng", seed -> NoiseSources.open(NoiseMode.PRNG, null, null, seed)),
                    new NoiseComparison.Candidate("scaled-0.7", seed -> new SeededNormals(seed, 0.7, 0)));
            ComparisonTable table = NoiseComparison.run(sampler, TARGET.exactDenoiser(schedule), COORDINATES, reference,
                    draws.length, candidates, seeds, images, 250, NoiseComparison.Progress.SILENT);

            ComparisonTable.Row trng = table.row("trng");
            ComparisonTable.Row prng = table.row("prng");
            ComparisonTable.Row scaled = table.row("scaled-0.7");
            double spread = Math.max(trng.distanceStd(), prng.distanceStd());
            assertTrue(Math.abs(trng.distanceMean() - prng.distanceMean()) < 4 * spread, table.toJson());
            // Clearly worse as the verdict defines it (mean beyond 3 spreads), and at every seed.
            assertTrue(scaled.distanceMean() - prng.distanceMean() > 3 * spread, table.toJson());
            double bestScaled = Arrays.stream(scaled.distancePerSeed()).min().orElseThrow();
            double worstExact = Math.max(Arrays.stream(trng.distancePerSeed()).max().orElseThrow(),
                    Arrays.stream(prng.distancePerSeed()).max().orElseThrow());
            assertTrue(bestScaled > 2 * worstExact, table.toJson());
            assertTrue(table.verdict("trng", "prng", List.of("scaled-0.7")).holds(), table.toJson());
            assertEquals("trng", trng.mode());
            assertEquals(200.0, trng.normalsPerImage());
            assertEquals(200.0 * 32, trng.hardwareBitsPerImage());
            assertEquals(0.0, prng.hardwareBitsPerImage());
            assertEquals(3, scaled.distancePerSeed().length);

            JsonNode json = new ObjectMapper().readTree(table.toJson());
            assertEquals(3, json.get("rows").size());
            assertEquals("trng", json.get("rows").get(0).get("label").asText());
            assertEquals(org.spinnoise.noise.NoiseMode.TRNG.generator(),
                    json.get("rows").get(0).get("generator").asText(), "issue 18 defect 9: each row names its generator");
            assertEquals(1000, json.get("imagesPerSeed").asInt());
        }
    }

    @Test
    void theVerdictNeedsASmallHardwareGapAndClearlyWorseDegradedSources() {
        ComparisonTable table = new ComparisonTable("d2", "ddpm", "f", 100, new long[] {1, 2, 3}, 1000, List.of(
                new ComparisonTable.Row("trng", "trng", new double[] {10, 11, 12}, 11, 1, 784, 25088),
                new ComparisonTable.Row("prng", "prng", new double[] {10.5, 11.5, 12.5}, 11.5, 1, 784, 0),
                new ComparisonTable.Row("clt-4", "trng", new double[] {20, 21, 22}, 21, 1, 784, 3136),
                new ComparisonTable.Row("biased", "trng", new double[] {12, 13, 14}, 13, 1, 784, 25088)));
        ComparisonTable.Verdict ok = table.verdict("trng", "prng", List.of("clt-4"));
        assertTrue(ok.holds(), ok.explanation());
        ComparisonTable.Verdict notClearlyWorse = table.verdict("trng", "prng", List.of("clt-4", "biased"));
        assertFalse(notClearlyWorse.holds());
        assertTrue(notClearlyWorse.explanation().contains("biased 13.00 is NOT clearly worse"), notClearlyWorse.explanation());
        ComparisonTable.Verdict gapTooLarge = table.verdict("biased", "prng", List.of());
        assertFalse(gapTooLarge.holds(), gapTooLarge.explanation());
        assertTrue(gapTooLarge.explanation().contains("= 1.50 >= spread 1.00"), gapTooLarge.explanation());
    }
}

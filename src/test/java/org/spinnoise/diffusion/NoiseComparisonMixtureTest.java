package org.spinnoise.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.quality.ComparisonTable;
import org.spinnoise.diffusion.quality.EvaluationReference;
import org.spinnoise.diffusion.quality.FeatureExtractor;
import org.spinnoise.diffusion.quality.KidDifference;
import org.spinnoise.diffusion.quality.NoiseComparison;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;

/**
 * The noise-source comparison end to end on the 2-D Gaussian mixture, where the features are the points themselves:
 * trng from a real pool and prng are not told apart, deliberately scaled noise is, by KID and by the noise check.
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

    /**
     * trng from a real pool and prng are not told apart, and the test says by how little they could differ; normals
     * scaled by 0.7 are told apart by KID and flagged by the noise check; each row's accounts are exact.
     */
    @Test
    void trngAndPrngAreNotToldApartAndScaledNoiseIsFlaggedTwice() throws Exception {
        NoiseSchedule schedule = NoiseSchedule.linear(100);
        Sampler sampler = new DdpmSampler(schedule, DdpmSampler.Variance.POSTERIOR, false);
        int images = 1500;
        long[] seeds = {1, 2, 3};
        double[][] draws = TARGET.draw(4000, 77);
        float[] flat = new float[draws.length * 2];
        for (int i = 0; i < draws.length; i++) {
            flat[2 * i] = (float) draws[i][0];
            flat[2 * i + 1] = (float) draws[i][1];
        }
        EvaluationReference reference = EvaluationReference.of(flat, draws.length, 2);
        long poolBytes = (long) sampler.normalsPerImage(POINT) * images * Float.BYTES
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
                    candidates, seeds, images, 250, new NoiseComparison.Statistics(200, 0.95, 2000, 7, "prng"),
                    NoiseComparison.Progress.SILENT);

            ComparisonTable.Row trng = table.row("trng");
            ComparisonTable.Row prng = table.row("prng");
            ComparisonTable.Row scaled = table.row("scaled-0.7");
            KidDifference trngTest = table.difference("trng");
            KidDifference scaledTest = table.difference("scaled-0.7");
            assertFalse(trngTest.significant(), table.toJson());
            assertTrue(trngTest.low() < 0 && trngTest.high() > 0, table.toJson());
            assertTrue(scaledTest.significant() && scaledTest.difference() > 0, table.toJson());
            assertTrue(scaledTest.difference() > 5 * trngTest.smallestDetectable(), table.toJson());
            assertTrue(trng.kidLow() <= trng.kid() && trng.kid() <= trng.kidHigh(), table.toJson());
            assertFalse(trng.noiseFlagged(), trng.noiseCheck().toString());
            assertFalse(prng.noiseFlagged(), prng.noiseCheck().toString());
            assertTrue(scaled.noiseFlagged(), scaled.noiseCheck().toString());
            assertTrue(scaled.noiseCheckBrief().contains("variance"), scaled.noiseCheckBrief());
            List<String> claims = table.claims();
            assertTrue(claims.get(0).startsWith("trng and prng differ by less than "), claims.get(0));
            assertTrue(claims.get(1).startsWith("scaled-0.7 and prng DIFFER (worse by "), claims.get(1));
            assertTrue(claims.get(2).startsWith("the noise scaled-0.7 drew is NOT like N(0, 1) draws"), claims.get(2));
            assertEquals(3, claims.size(), claims.toString());
            assertEquals("trng", trng.mode());
            assertEquals(200.0, trng.normalsPerImage());
            assertEquals(200.0 * 32, trng.hardwareBitsPerImage());
            assertEquals(32.0, trng.bitsPerNormal(), "trng: 32 stream bits per float normal");
            assertTrue(Double.isNaN(prng.bitsPerNormal()), "prng's account counts values, not bits");
            assertEquals(0.0, prng.hardwareBitsPerImage());
            assertEquals(3, scaled.kidPerSeed().length);
            assertTrue(trng.fid() > 0 && Double.isFinite(trng.fidInfinity()), table.toJson());

            JsonNode json = new ObjectMapper().readTree(table.toJson());
            assertEquals(3, json.get("rows").size());
            assertEquals(2, json.get("differences").size());
            assertEquals("trng", json.get("rows").get(0).get("label").asText());
            assertEquals(org.spinnoise.noise.NoiseMode.TRNG.generator(),
                    json.get("rows").get(0).get("generator").asText(), "issue 18 defect 9: each row names its generator");
            assertEquals(1500, json.get("imagesPerSource").asInt());
        }
    }
}

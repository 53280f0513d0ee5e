package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.RawBitsNoise;

/**
 * Issue 19, the evaluate sources of the Gaussian-from-bits constructions: every form is checked before any work,
 * labelled, described in one line, estimated in pool bytes, and opened with exactly its bits per normal; raw sums
 * are corrected with the run's p̂ or as if fair.
 */
class NoiseCandidatesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "clt-0                  | noise source clt-0: K must be a number of bits from 1 to 64",
        "inv-0                  | noise source inv-0: B must be a number of bits from 1 to 16",
        "inv-17                 | noise source inv-17: B must be a number of bits from 1 to 16",
        "inv-b                  | noise source inv-b: B must be a number of bits from 1 to 16",
        "irwin-hall-12          | noise source irwin-hall-12: give K words of B bits as irwin-hall-KxB",
        "irwin-hall-0x8         | noise source irwin-hall-0x8: K must be a number of words from 1 to 64",
        "irwin-hall-4x1         | noise source irwin-hall-4x1: B must be a number of bits from 2 to 16",
        "irwin-hall-4x17        | noise source irwin-hall-4x17: B must be a number of bits from 2 to 16",
        "clt-4-fair             | noise source clt-4-fair: the fair-coin correction is for raw bits; give "
                + "clt-4-fair:raw:<run folder>",
        "clt-x:raw:RUN          | noise source clt-x:raw:RUN: K must be a number of bits from 1 to 64",
        "clt-65-fair:raw:RUN    | noise source clt-65-fair:raw:RUN: K must be a number of bits from 1 to 64",
        "inv-8:raw:RUN          | noise source inv-8:raw:RUN: only clt-K and clt-K-fair sum raw bits",
        "clt-4:raw:no/such      | noise source clt-4:raw:no/such: no such run folder no/such; give clt-K:raw:<run "
                + "folder> or clt-K-fair:raw:<run folder>",
        "gauss-4                | unknown noise source 'gauss-4'"})
    void aMalformedSourceIsRefusedInOneLine(String source, String expected) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        String problem = NoiseCandidates.problem(source.replace("RUN", run.toString()));
        assertTrue(problem != null && problem.startsWith(expected.replace("RUN", run.toString())), problem);
        assertEquals(1, problem.lines().count());
        assertTrue(problem.contains("irwin-hall-KxB") || problem.contains("no such run folder"), problem);
    }

    @Test
    void everyWellFormedSourceIsAcceptedLabelledAndDescribed() throws IOException {
        Path run = Files.createDirectories(dir.resolve("Run 7"));
        String sources = String.join(",", "trng", "drbg", "prng", "biased-0.6", "clt-16", "irwin-hall-12x8", "inv-8",
                "inv-1", "raw:" + run, "clt-16:raw:" + run, "CLT-16-fair:raw:" + run);
        assertNull(NoiseCandidates.problem(sources));
        List<String> labels = List.of(sources.split(",")).stream().map(NoiseCandidates::label).toList();
        assertEquals(List.of("trng", "drbg", "prng", "biased-0.6", "clt-16", "irwin-hall-12x8", "inv-8", "inv-1",
                "raw-run_7", "clt-16-raw-run_7", "clt-16-fair-raw-run_7"), labels);
        for (String label : labels) {
            String line = NoiseCandidates.construction(label);
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("bits/normal"), line);
            assertEquals(!List.of("trng", "drbg", "prng").contains(label), NoiseCandidates.degraded(label), label);
        }
        assertTrue(NoiseCandidates.construction("clt-16").contains("K = 16 bits, z = (S - K/2)/sqrt(K/4) = (S - 8)/2"),
                NoiseCandidates.construction("clt-16"));
        assertTrue(NoiseCandidates.construction("irwin-hall-12x8").contains("(S - 1530)/255.998"));
        assertTrue(NoiseCandidates.construction("inv-8").contains("divided by their sd 0.997488"));
        assertTrue(NoiseCandidates.construction("clt-16:raw:" + run).contains("(S - K*p)/sqrt(K*p*(1-p))"));
        assertTrue(NoiseCandidates.construction("clt-16-fair-raw-run_7").contains("variance 4p(1 - p)"));
        assertTrue(NoiseCandidates.construction("trng").contains("32 bits/normal"));
        assertThrows(IllegalArgumentException.class, () -> NoiseCandidates.construction("gauss-4"));
    }

    @Test
    void poolBytesCoverEachConstructionsBitsAndRawSourcesNeedNone() {
        long normals = 1_000;
        // A pool stream takes exactly what its requests need; a construction may leave up to 7 bits per open unused.
        long carryPerOpen = 1;
        assertEquals(normals * 4, NoiseCandidates.poolBytes("trng", normals, 2));
        assertEquals(normals * 16 / 8 + 2 * carryPerOpen, NoiseCandidates.poolBytes("clt-16", normals, 2));
        assertEquals(normals * 96 / 8 + 2 * carryPerOpen, NoiseCandidates.poolBytes("irwin-hall-12x8", normals, 2));
        assertEquals((normals * 11 + 7) / 8 + 2 * carryPerOpen, NoiseCandidates.poolBytes("inv-11", normals, 2));
        assertEquals(0, NoiseCandidates.poolBytes("clt-16-raw-run_7", normals, 2));
        assertEquals(0, NoiseCandidates.poolBytes("clt-16-fair-raw-run_7", normals, 2));
        assertEquals(0, NoiseCandidates.poolBytes("raw-run_7", normals, 2));
        assertEquals(0, NoiseCandidates.poolBytes("biased-0.6", normals, 2));
    }

    /**
     * Opened over a real pool, each construction hands out normals that cost exactly its bits per normal, and
     * {@link NoiseCandidates#poolBytes} covers what they took with at most a byte per open to spare.
     */
    @Test
    void poolConstructionsChargeTheirBitsPerNormal() throws Exception {
        byte[] payload = new byte[200_000];
        new SplittableRandom(5).nextBytes(payload);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            pool.append(payload, 0, payload.length, new IngestCounts(payload.length * 10L, 0, payload.length * 8.0),
                    "candidates-test");
            List<NoiseComparison.Candidate> candidates = NoiseCandidates.parse("clt-16,irwin-hall-4x16,inv-8,trng",
                    pool, "eval", 2, 2_000, (folder, seeds) -> {
                        throw new AssertionError("no raw source here");
                    });
            int[] bits = {16, 64, 8, 32};
            long estimated = 0;
            for (int i = 0; i < bits.length; i++) {
                try (NoiseSource source = candidates.get(i).opener().open(1)) {
                    float[] x = new float[1_001];
                    source.fillFloats(x, 0, x.length);
                    NoiseAccount a = source.account();
                    assertEquals(1_001L * bits[i], a.hardwareBits(), candidates.get(i).label());
                    assertEquals("trng", source.mode().label());
                }
                estimated += NoiseCandidates.poolBytes(candidates.get(i).label(), 1_001, 1);
            }
            // What evaluate checks the pool against covers what the sources took, with at most a byte per open over.
            long taken = pool.status().bytesOutByConsumer().get("eval");
            assertTrue(taken >= 1_001L * (16 + 64 + 8 + 32) / 8, "taken " + taken);
            assertTrue(taken <= estimated && estimated <= taken + bits.length, "taken " + taken + ", estimated "
                    + estimated);
        }
    }

    /**
     * The raw sums of a run whose bits are 1 with probability 0.25: the p̂ form has variance 1, the fair one 0.75 and
     * mean −1 (√4·(2·0.25 − 1)); a run too short for the evaluation is refused before any sampling.
     */
    @Test
    void rawSumsAreCorrectedWithTheRunsPHatOrAsIfFair() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        long bits = 2L * 4 * 40_000; // two seeds of 40,000 normals of 4 bits, exactly
        byte[] bytes = new byte[(int) (bits / 8)];
        SplittableRandom random = new SplittableRandom(6);
        for (long i = 0; i < bits; i++) {
            if (random.nextDouble() < 0.25) {
                bytes[(int) (i / 8)] |= (byte) (0x80 >>> (i % 8));
            }
        }
        Path file = Files.write(dir.resolve("bits.bin"), bytes);
        NoiseCandidates.RawRuns runs = (folder, seeds) -> {
            assertEquals(run, folder);
            return RawBitsNoise.split(file, bits, seeds);
        };
        int n = 2 * 40_000;
        List<NoiseComparison.Candidate> candidates = NoiseCandidates.parse("clt-4:raw:" + run + ",clt-4-fair:raw:"
                + run, null, "eval", 2, n, runs);
        double[] corrected = draw(candidates.get(0), n / 2);
        double[] fair = draw(candidates.get(1), n / 2);
        assertEquals(1, variance(corrected), 6 * Math.sqrt(2.0 / (n / 2)));
        assertEquals(0.75, variance(fair), 6 * Math.sqrt(2.0 / (n / 2)));
        assertEquals(-1, mean(fair), 6 * Math.sqrt(0.75 / (n / 2)));
        IOException tooShort = assertThrows(IOException.class, () -> NoiseCandidates.parse("clt-4:raw:" + run, null,
                "eval", 2, n + 2, runs));
        assertTrue(tooShort.getMessage().contains("acquire a longer run"), tooShort.getMessage());
        assertFalse(NoiseCandidates.degraded("trng"));
    }

    private static double[] draw(NoiseComparison.Candidate candidate, int n) throws IOException {
        double[] x = new double[n];
        try (NoiseSource source = candidate.opener().open(2)) {
            source.fillDoubles(x, 0, n);
            assertEquals(4L * n, source.account().hardwareBits(), candidate.label());
        }
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / x.length;
    }
}

package org.spinnoise.diffusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KID, its bootstrap and the two-sample test on synthetic Gaussian features, where the answers are known: the fast
 * block sums equal the definition's double loops, and the test's power and false-positive rate are what it states.
 */
class KidStatisticsTest {

    private static float[] gaussians(SplittableRandom random, int count, int dims, double mean, double sd) {
        float[] out = new float[count * dims];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + sd * random.nextGaussian());
        }
        return out;
    }

    private static SourceKernel source(ReferenceKernel reference, float[] features, int count) {
        SourceKernel kernel = new SourceKernel(reference, count);
        // In uneven parts, as batches arrive, so the incremental fill of the matrix is what is checked.
        int added = 0;
        int part = 7;
        while (added < count) {
            int n = Math.min(part, count - added);
            float[] batch = new float[n * reference.dims()];
            System.arraycopy(features, added * reference.dims(), batch, 0, batch.length);
            kernel.add(batch, n);
            added += n;
            part += 5;
        }
        return kernel;
    }

    @Test
    void kidMatchesTheDirectDoubleLoopOverWholeSetsSeedSharesAndPairs() {
        SplittableRandom random = new SplittableRandom(1);
        int dims = 5;
        float[] ref = gaussians(random, 70, dims, 0, 1);
        float[] a = gaussians(random, 50, dims, 0.3, 1.1);
        float[] b = gaussians(random, 50, dims, 0, 1);
        ReferenceKernel reference = ReferenceKernel.of(ref, 70, dims);
        SourceKernel ka = source(reference, a, 50);
        SourceKernel kb = source(reference, b, 50);
        double direct = CubicKernel.unbiasedMmdSquared(a, 50, ref, 70, dims);
        assertEquals(direct, ka.kid(), 1e-6 * Math.abs(direct), "the matrix is kept in float");
        float[] share = new float[20 * dims];
        System.arraycopy(a, 10 * dims, share, 0, share.length);
        assertEquals(CubicKernel.unbiasedMmdSquared(share, 20, ref, 70, dims), ka.kid(10, 30), 1e-6);
        double[] bootA = ka.bootstrap(50, 3, 0);
        double[] bootB = kb.bootstrap(50, 3, 1);
        double kidA = ka.kid();
        double kidB = kb.kid();
        ka.release();
        kb.release();
        assertEquals(kidA, ka.kid(), 1e-12, "the whole set's KID survives the release of the matrix");
        KidDifference d = KidDifference.test("a", ka, bootA, "b", kb, bootB, 0.95, 100, 5);
        assertEquals(kidA - kidB, d.difference(), 1e-6, "the permutation scores sum to the observed difference");
        assertEquals(CubicKernel.unbiasedMmdSquared(a, 50, b, 50, dims), d.mmdSquaredBetween(), 1e-6);
        assertTrue(d.low() < d.difference() && d.difference() < d.high(), d.toString());
        assertEquals(KidDifference.DETECTABLE_FACTOR * d.nullSd(), d.smallestDetectable(), 1e-15);
    }

    /**
     * The bootstrap interval covers the population KID at close to its level. Measured over 200 trials of this
     * set-up (Gaussian features, 300 images, a reference of 1,000, B = 200): the replicates are centred on the
     * estimate (mean shift 0.0002 beside an SD of 0.50), their SD is 6 % below the estimate's true spread (0.50 vs
     * 0.53), and 175 of the 200 95 % intervals (87.5 %) covered; 22 of the 25 misses lie below the truth, from the
     * skewness of a cubic kernel's U-statistic over Gaussian tails at 300 images (uniform features with the same
     * first three moments: 90 %). So 30 of 40 is required here (35 expected; 29 or fewer has probability near 1 %),
     * which an interval of the wrong scale or centre fails.
     */
    @Test
    void theBootstrapIntervalCoversTheTrueValueAtAboutItsLevel() {
        SplittableRandom random = new SplittableRandom(2);
        int covered = 0;
        int trials = 40;
        double truth = populationKid(0.25, 0.0);
        for (int t = 0; t < trials; t++) {
            float[] ref = gaussians(random, 1000, 1, 0, 1);
            float[] x = gaussians(random, 300, 1, 0.25, 1);
            SourceKernel k = source(ReferenceKernel.of(ref, 1000, 1), x, 300);
            double[] boot = k.bootstrap(200, t, 0);
            if (SourceKernel.quantile(boot, 0.025) <= truth && truth <= SourceKernel.quantile(boot, 0.975)) {
                covered++;
            }
        }
        assertTrue(covered >= 30, covered + " of " + trials + " intervals covered the true KID " + truth);
    }

    /**
     * The planted 1σ: σ is the standard deviation of KID between independent sample sets of 40 images (each with its
     * own reference of 500); a source whose true KID is larger by σ is compared with the baseline at 800 images each:
     * the ratio of the evaluation's default (8,000 images) to the per-seed size (400), where the test's power
     * depends on that ratio only (both spreads fall as 1/√n once the sources differ from the reference). At least 40
     * of 50 replicates must be flagged at α = 0.05 (about 88 % expected), and of 50 replicates of two identical
     * sources at most 9 (5 % of 50 is 2.5; 10 or more would happen with probability below 1e-3).
     */
    @Test
    void theTestFlagsAPlantedOneSigmaGapAndKeepsItsFalsePositiveRate() {
        SplittableRandom random = new SplittableRandom(3);
        double base = 0.3;
        int small = 40;
        int referenceSize = 500;
        double[] kids = new double[400];
        for (int r = 0; r < kids.length; r++) {
            ReferenceKernel reference = ReferenceKernel.of(gaussians(random, referenceSize, 1, 0, 1), referenceSize, 1);
            kids[r] = source(reference, gaussians(random, small, 1, base, 1), small).kid();
        }
        double sigma = sd(kids);
        double planted = meanShiftWithGap(base, sigma);
        assertEquals(sigma, populationKid(planted, 0) - populationKid(base, 0), 1e-6 * sigma);
        int size = 20 * small;
        int flagged = 0;
        int falsePositives = 0;
        int replicates = 50;
        for (int r = 0; r < replicates; r++) {
            ReferenceKernel reference = ReferenceKernel.of(gaussians(random, referenceSize, 1, 0, 1), referenceSize, 1);
            SourceKernel baseline = source(reference, gaussians(random, size, 1, base, 1), size);
            SourceKernel same = source(reference, gaussians(random, size, 1, base, 1), size);
            SourceKernel shifted = source(reference, gaussians(random, size, 1, planted, 1), size);
            double[] bootBase = baseline.bootstrap(10, r, 0);
            double[] bootSame = same.bootstrap(10, r, 1);
            double[] bootShifted = shifted.bootstrap(10, r, 2);
            if (KidDifference.test("shifted", shifted, bootShifted, "base", baseline, bootBase, 0.95, 400, r)
                    .significant()) {
                flagged++;
            }
            if (KidDifference.test("same", same, bootSame, "base", baseline, bootBase, 0.95, 400, r).significant()) {
                falsePositives++;
            }
        }
        assertTrue(flagged >= 40, "planted 1σ gap (σ = " + sigma + ") flagged in " + flagged + " of " + replicates);
        assertTrue(falsePositives <= 9, falsePositives + " false positives in " + replicates);
    }

    /** The mean μ > base at which N(μ, 1) has a population KID to N(0, 1) larger than N(base, 1)'s by {@code gap}. */
    private static double meanShiftWithGap(double base, double gap) {
        double low = base;
        double high = base + 5;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (populationKid(mid, 0) - populationKid(base, 0) < gap) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /**
     * MMD² between N(a, 1) and N(b, 1) with the kernel (xy + 1)³ in one dimension, from the moments of independent
     * normals: E[(xy + 1)³] = E[x³]E[y³] + 3E[x²]E[y²] + 3E[x]E[y] + 1.
     */
    static double populationKid(double a, double b) {
        return expectedKernel(a, a) + expectedKernel(b, b) - 2 * expectedKernel(a, b);
    }

    private static double expectedKernel(double a, double b) {
        return (a * a * a + 3 * a) * (b * b * b + 3 * b) + 3 * (a * a + 1) * (b * b + 1) + 3 * a * b + 1;
    }

    private static double sd(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}

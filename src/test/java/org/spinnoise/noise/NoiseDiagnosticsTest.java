package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, noise diagnostics: good normals pass; ±1 noise, a shifted mean, normals built from biased bits and
 * correlated draws are each flagged, by the figure that should catch them, at 20,000 normals.
 */
class NoiseDiagnosticsTest {
    private static final int N = 20_000;

    @Test
    void goodNormalsPassOnSeveralSeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            java.util.Random gaussian = new java.util.Random(random.nextLong());
            NoiseDiagnostics d = run(gaussian::nextGaussian);
            assertFalse(d.flagged(), "seed " + seed + ": " + d.figures());
            assertEquals(5 + 8, d.figures().size());
        }
    }

    @Test
    void plusMinusOneNoiseIsFlaggedByKurtosisAndKs() {
        SplittableRandom random = new SplittableRandom(7);
        NoiseDiagnostics d = run(() -> random.nextBoolean() ? 1.0 : -1.0);
        assertTrue(flagged(d, "excess kurtosis") && flagged(d, "KS distance"), d.figures().toString());
        assertFalse(flagged(d, "variance"), "±1 has variance 1 exactly: " + d.figures());
    }

    @Test
    void aShiftedMeanIsFlagged() {
        java.util.Random gaussian = new java.util.Random(8);
        NoiseDiagnostics d = run(() -> gaussian.nextGaussian() + 0.1);
        assertTrue(flagged(d, "mean"), d.figures().toString());
    }

    @Test
    void normalsFromBiasedBitsAreFlagged() {
        // Sums of 16 bits standardised for fair bits (mean 8, variance 4), from bits that are 1 with p = 0.55.
        SplittableRandom random = new SplittableRandom(9);
        NoiseDiagnostics d = run(() -> {
            int ones = 0;
            for (int i = 0; i < 16; i++) {
                ones += random.nextDouble() < 0.55 ? 1 : 0;
            }
            return (ones - 8) / 2.0;
        });
        assertTrue(flagged(d, "mean"), d.figures().toString());
    }

    @Test
    void correlatedDrawsAreFlaggedAtTheirLag() {
        java.util.Random gaussian = new java.util.Random(10);
        double[] previous = {0};
        NoiseDiagnostics d = run(() -> {
            previous[0] = 0.1 * previous[0] + Math.sqrt(1 - 0.01) * gaussian.nextGaussian();
            return previous[0];
        });
        assertTrue(flagged(d, "autocorrelation lag 1"), d.figures().toString());
        assertFalse(flagged(d, "mean") || flagged(d, "variance"), d.figures().toString());
    }

    @Test
    void normalCdfMatchesTabulatedValues() {
        assertEquals(0.5, NoiseDiagnostics.normalCdf(0), 1e-7);
        assertEquals(0.8413447461, NoiseDiagnostics.normalCdf(1), 1e-7);
        assertEquals(0.0249978952, NoiseDiagnostics.normalCdf(-1.96), 1e-7);
        assertEquals(0.9986501020, NoiseDiagnostics.normalCdf(3), 1e-7);
    }

    @Test
    void tooFewDrawsSayNothing() {
        NoiseDiagnostics d = new NoiseDiagnostics(8);
        d.add(new float[] {1f, -1f, 0.5f}, 0, 3);
        assertTrue(d.figures().isEmpty());
        assertFalse(d.flagged());
    }

    private static NoiseDiagnostics run(DoubleSupplier draw) {
        NoiseDiagnostics d = new NoiseDiagnostics(8);
        float[] block = new float[1000];
        for (int done = 0; done < N; done += block.length) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (float) draw.getAsDouble();
            }
            d.add(block, 0, block.length);
        }
        return d;
    }

    private static boolean flagged(NoiseDiagnostics d, String name) {
        List<NoiseDiagnostics.Figure> figures = d.figures();
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().flagged();
    }
}

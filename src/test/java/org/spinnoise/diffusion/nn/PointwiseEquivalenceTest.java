package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API element-wise kernels against the scalar reference, on lengths that leave scalar tails (the masked
 * copies of im2col are compared in {@link Im2colTest}).
 */
class PointwiseEquivalenceTest {

    private final Pointwise vector = Kernels.vector().pointwise();
    private final Pointwise scalar = Kernels.scalar().pointwise();
    private final SplittableRandom random = new SplittableRandom(21);

    @Test
    void siluAgreesToAFewUnitsInTheLastPlace() {
        // The vector exponential is within about 1 ulp of exact, and 1 + e and the division add an ulp each; a
        // relative 1e-6 (about 8 ulp) leaves room without hiding a wrong formula, which errs by far more.
        for (int length : new int[] {1, 15, 16, 17, 100, 257}) {
            float[] x = spread(length);
            float[] expected = new float[length];
            float[] actual = new float[length];
            scalar.silu(x, expected, length);
            vector.silu(x, actual, length);
            for (int i = 0; i < length; i++) {
                assertEquals(expected[i], actual[i], 1e-6f * Math.abs(expected[i]) + Float.MIN_NORMAL,
                        "silu(" + x[i] + ")");
            }
        }
    }

    @Test
    void siluBackwardAgreesWithinRoundingOfItsTerms() {
        // σ and 1 − σ carry a few ulp of 1 each, multiplied by x, so the error is absolute, about ulp(1)·(1 + |x|)
        // times |dy|; the slope crosses zero near x = −1.28, where a relative bound would be meaningless.
        for (int length : new int[] {3, 16, 33, 200}) {
            float[] x = spread(length);
            float[] dy = GemmEquivalenceTest.randomArray(random, length);
            float[] expected = new float[length];
            float[] actual = new float[length];
            scalar.siluBackward(x, dy, expected, length);
            vector.siluBackward(x, dy, actual, length);
            for (int i = 0; i < length; i++) {
                float bound = 1e-6f * Math.abs(dy[i]) * (1 + Math.abs(x[i])) + Float.MIN_NORMAL;
                assertEquals(expected[i], actual[i], bound, "silu'(" + x[i] + ")");
            }
        }
    }

    @Test
    void sumsAndScaleShiftAgree() {
        for (int length : new int[] {1, 16, 49, 784, 6272}) {
            float[] x = GemmEquivalenceTest.randomArray(random, length + 7);
            int from = 3;
            int to = 3 + length;
            double magnitude = 0;
            for (int i = from; i < to; i++) {
                magnitude += Math.abs(x[i]) + x[i] * x[i];
            }
            // Float lane sums of at most length/lanes terms: within (length)·u of the magnitude.
            double bound = length * Math.scalb(1.0, -24) * magnitude + 1e-12;
            assertEquals(scalar.sum(x, from, to), vector.sum(x, from, to), bound, "sum of " + length);
            assertEquals(scalar.sumSquaredDeviations(x, from, to, 0.25f),
                    vector.sumSquaredDeviations(x, from, to, 0.25f), 4 * bound, "squares of " + length);
            float[] expected = new float[x.length];
            float[] actual = new float[x.length];
            scalar.scaleShift(x, expected, from, to, 1.7f, -0.3f);
            vector.scaleShift(x, actual, from, to, 1.7f, -0.3f);
            assertArrayEquals(expected, actual, 0f, "fused scale and shift of " + length);
            float[] other = GemmEquivalenceTest.randomArray(random, x.length);
            assertEquals(scalar.dotCentered(other, x, from, to, 0.1f), vector.dotCentered(other, x, from, to, 0.1f),
                    4 * bound, "centred dot product of " + length);
            scalar.combine(x, other, expected, from, to, 0.5f, -2f, 0.25f);
            vector.combine(x, other, actual, from, to, 0.5f, -2f, 0.25f);
            assertArrayEquals(expected, actual, 0f, "fused combination of " + length);
            // Normalisation and SiLU in one pass: the vector exponential may differ from Math.exp in the last places.
            scalar.scaleShiftSilu(x, expected, from, to, 1.7f, -0.3f);
            vector.scaleShiftSilu(x, actual, from, to, 1.7f, -0.3f);
            for (int i = from; i < to; i++) {
                float v = Math.fma(x[i], 1.7f, -0.3f);
                assertEquals(expected[i], actual[i], 4 * Math.ulp(Math.max(1f, Math.abs(v))), "silu(" + v + ")");
                assertEquals(v / (1f + (float) Math.exp(-v)), expected[i], 0f, "scalar silu(" + v + ")");
            }
        }
        assertTrue(vector.sum(new float[] {1, 2, 3}, 0, 3) == 6.0);
    }

    /** Values across SiLU's interesting range, including saturated ends. */
    private float[] spread(int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextDouble(-30, 30);
        }
        x[0] = length > 1 ? -1.2785f : 0f;
        return x;
    }
}

package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a scalar loss computed by a float32 network, against analytic gradients.
 *
 * <p>Tolerance: the loss L = Σ r_i·y_i is summed in double from float outputs y_i, each correct to a relative error of
 * about d·u (u = 2⁻²⁴, d the depth of accumulated roundings, a few dozen here); these errors are independent from
 * output to output, so L carries an absolute error of about d·u·S with S = √(Σ(r_i·y_i)²), and the difference
 * quotient an error of about d·u·S/h. The quotient's truncation error, h²·L'''/6, reaches half a percent through a
 * deep stack of group norms, so the quotients at h and h/2 are combined by Richardson extrapolation, (4·D(h/2) −
 * D(h))/3, which cancels the h² term and leaves O(h⁴), at the price of three times the rounding error. So a
 * difference is accepted when it is below {@code 2e-3·max(|numeric|, |analytic|) + 3·32·u·S/h}; correct gradients
 * stay well inside that, while a gradient off by 1% in one entry, a missing term, a wrong sign or a transposed index
 * fails, as the test that breaks a gradient on purpose shows.
 */
final class FiniteDifferences {

    static final double STEP = 1e-2;
    static final double RELATIVE = 2e-3;
    static final double ROUNDING_DEPTH = 32;
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);

    private FiniteDifferences() {
    }

    /** L = Σ r_i·y_i in double, and S = √(Σ (r_i·y_i)²). */
    static double[] weightedSum(float[] y, float[] r) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < y.length; i++) {
            double term = (double) y[i] * r[i];
            sum += term;
            squares += term * term;
        }
        return new double[] {sum, Math.sqrt(squares)};
    }

    /** Largest violation ratio |numeric − analytic| / tolerance over {@code indices} (≤ 1 passes). */
    static double worstRatio(float[] values, int[] indices, float[] analytic, DoubleSupplier loss, double magnitude) {
        double worst = 0;
        for (int index : indices) {
            double wide = centralDifference(values, index, STEP, loss);
            double narrow = centralDifference(values, index, STEP / 2, loss);
            double numeric = (4 * narrow - wide) / 3;
            double tolerance = RELATIVE * Math.max(Math.abs(numeric), Math.abs(analytic[index]))
                    + 3 * ROUNDING_DEPTH * UNIT_ROUNDOFF * magnitude / STEP;
            worst = Math.max(worst, Math.abs(numeric - analytic[index]) / tolerance);
        }
        return worst;
    }

    private static double centralDifference(float[] values, int index, double step, DoubleSupplier loss) {
        float original = values[index];
        float up = (float) (original + step);
        float down = (float) (original - step);
        values[index] = up;
        double lossUp = loss.getAsDouble();
        values[index] = down;
        double lossDown = loss.getAsDouble();
        values[index] = original;
        return (lossUp - lossDown) / ((double) up - down);
    }

    /** Asserts the gradient at {@code indices} matches finite differences. */
    static void check(String what, float[] values, int[] indices, float[] analytic, DoubleSupplier loss,
                      double magnitude) {
        double worst = worstRatio(values, indices, analytic, loss, magnitude);
        if (Boolean.getBoolean("spinnoise.nn.printGradientChecks")) {
            System.err.println("gradient check " + what + ": worst at " + worst + " of the tolerance");
        }
        assertTrue(worst <= 1.0, what + ": finite differences disagree, worst at " + worst + " of the tolerance");
    }

    /** Up to {@code count} indices spread over [from, from+length), always including both ends. */
    static int[] spread(int from, int length, int count) {
        int n = Math.min(count, length);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = from + (n == 1 ? 0 : (int) ((long) i * (length - 1) / (n - 1)));
        }
        return indices;
    }
}

package org.spinnoise.entropy.assess;

import java.util.function.DoubleUnaryOperator;

/**
 * The binary searches for p in SP 800-90B §6.3.4 (compression) and §6.3.7–6.3.10 (P_local of the predictors):
 * solve f(p) = target for a function that decreases in p. NIST's tool bisects until f(p) equals the target to a
 * few ulps or the interval stops shrinking; so do we. When it stops without equality it answers the upper end, the
 * larger p, which is the conservative side (more predictable, less entropy).
 */
final class Bisection {

    /** NIST's tool caps its searches at 1076 steps, enough to walk down to the smallest subnormal. */
    private static final int MAX_STEPS = 1076;
    private static final int ULPS = 4;

    private Bisection() {
    }

    /**
     * @param f      decreasing on [low, high]; NaN is read as "below the target" (p too large)
     * @param target the value sought, with f(low) ≥ target ≥ f(high)
     */
    static double solveDecreasing(DoubleUnaryOperator f, double target, double low, double high) {
        double lo = low;
        double hi = high;
        for (int step = 0; step < MAX_STEPS; step++) {
            double mid = (lo + hi) / 2.0;
            if (mid <= lo || mid >= hi) {
                break;
            }
            double value = f.applyAsDouble(mid);
            if (nearlyEqual(value, target)) {
                return mid;
            }
            if (value > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    static boolean nearlyEqual(double a, double b) {
        if (a == b) {
            return true;
        }
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
            return false;
        }
        double larger = Math.max(Math.abs(a), Math.abs(b));
        return Math.abs(a - b) <= Math.max(Double.MIN_NORMAL, ULPS * Math.ulp(larger));
    }
}

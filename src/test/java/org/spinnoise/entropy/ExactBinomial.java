package org.spinnoise.entropy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Binomial tails in exact integer arithmetic, for p = numerator / denominator: an oracle independent of floating point. */
final class ExactBinomial {

    private ExactBinomial() {
    }

    /** Σ_{k ≥ c} C(n, k) num^k (den − num)^(n − k); divide by den^n for P(X ≥ c). */
    static BigInteger upperTailNumerator(int n, long numerator, long denominator, int c) {
        BigInteger num = BigInteger.valueOf(numerator);
        BigInteger rest = BigInteger.valueOf(denominator - numerator);
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE; // C(n, k), walked from k = 0
        for (int k = 0; k <= n; k++) {
            if (k >= c) {
                sum = sum.add(binomial.multiply(num.pow(k)).multiply(rest.pow(n - k)));
            }
            binomial = binomial.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        return sum;
    }

    /** Whether P(Binomial(n, num/den) ≥ c) ≤ 2^−alphaBits. */
    static boolean upperTailAtMost(int n, long numerator, long denominator, int c, int alphaBits) {
        BigInteger scaled = upperTailNumerator(n, numerator, denominator, c).shiftLeft(alphaBits);
        return scaled.compareTo(BigInteger.valueOf(denominator).pow(n)) <= 0;
    }

    static double upperTail(int n, long numerator, long denominator, int c) {
        return new BigDecimal(upperTailNumerator(n, numerator, denominator, c))
                .divide(new BigDecimal(BigInteger.valueOf(denominator).pow(n)), MathContext.DECIMAL64).doubleValue();
    }
}

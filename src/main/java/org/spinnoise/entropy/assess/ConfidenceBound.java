package org.spinnoise.entropy.assess;

/**
 * The 99 % confidence bounds SP 800-90B §6.3 puts on every estimated proportion. The standard writes Z = 2.576;
 * NIST's tool uses the exact quantile Φ⁻¹(0.995), and so do we, so that results agree with the tool's to the last
 * digits rather than to the third.
 */
final class ConfidenceBound {

    /** Φ⁻¹(0.995), the two-sided 99 % normal quantile. */
    static final double Z_ALPHA = 2.5758293035489008;

    private ConfidenceBound() {
    }

    /** p_u = min(1, p̂ + Z·√(p̂(1 − p̂)/(n − 1))), the upper bound of §6.3.1 step 3 and its reuses. */
    static double upper(double pHat, long n) {
        return Math.min(1.0, pHat + Z_ALPHA * Math.sqrt(pHat * (1.0 - pHat) / (n - 1.0)));
    }

    /** X̄′ = X̄ − Z·σ̂/√v, the lower bound on a mean waiting time (§6.3.2 step 6, §6.3.4 step 6). */
    static double lowerMean(double mean, double sigma, long v) {
        return mean - Z_ALPHA * sigma / Math.sqrt(v);
    }
}

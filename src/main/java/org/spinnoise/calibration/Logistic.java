package org.spinnoise.calibration;

/** The logistic function and its log-likelihood pieces, written to stay finite for large |η|. */
final class Logistic {

    private Logistic() {
    }

    /** 1 / (1 + e^(-η)), without overflow for either sign of η. */
    static double probability(double eta) {
        if (eta >= 0) {
            return 1 / (1 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    /** log(1 + e^η): the normaliser of the Bernoulli log-likelihood, s·η − n·softplus(η). */
    static double softplus(double eta) {
        return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    }
}

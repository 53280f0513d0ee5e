package org.spinnoise.entropy.assess;

/**
 * What one SP 800-90B §6.3 estimator concluded about a sample of raw bits.
 *
 * @param name             the estimator, e.g. "Most Common Value"
 * @param section          the section of SP 800-90B it implements, e.g. "6.3.1"
 * @param minEntropyPerBit the estimator's min-entropy per bit, in [0, 1]: a 99 % confidence lower bound
 * @param seconds          wall-clock time the estimator took (varies run to run; the estimate itself never does)
 */
public record EstimatorResult(String name, String section, double minEntropyPerBit, double seconds) {
}

package org.spinnoise.entropy.assess;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of running the SP 800-90B §6.3 non-IID estimators on one sample of raw bits (§3.1.3 takes the
 * minimum of all estimators as the entropy of the source). Results come in a fixed order, the order of §6.3.
 *
 * @param results one result per estimator that had enough samples to run
 * @param samples the number of bits assessed
 */
public record Assessment(List<EstimatorResult> results, long samples) {

    public Assessment {
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("an assessment needs at least one estimator result");
        }
    }

    /** The minimum over all estimators: the min-entropy per bit the pool may credit. */
    public double minEntropyPerBit() {
        return limiting().minEntropyPerBit();
    }

    /** The estimator giving the lowest estimate; the first in §6.3 order among equals. */
    public EstimatorResult limiting() {
        return results.stream().min(Comparator.comparingDouble(EstimatorResult::minEntropyPerBit)).orElseThrow();
    }
}

package org.spinnoise.entropy.assess;

/**
 * What a §6.3.7–6.3.10 predictor counted over a sample: its correct predictions, the predictions it made and its
 * longest run of correct ones; {@link PredictorBound} turns them into the estimate. Kept as a value so that a fast
 * predictor can be checked count for count against the straightforward one.
 */
record PredictionCounts(long correct, long predictions, long longestRun) {

    double minEntropy() {
        return PredictorBound.minEntropy(correct, predictions, longestRun);
    }
}

package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks against the published output of NIST's ea_non_iid (SP800-90B_EntropyAssessment, files
 * cpp/selftest/refdata/truerand_1bit.res and biased-random-bits.res, 10^6 one-bit samples each, verbose level 3).
 * The sample files themselves (bin/truerand_1bit.bin, bin/biased-random-bits.bin) are binary and could not be
 * obtained here, so each estimator's last stage is fed the statistics the tool printed for those files (counts,
 * means, run lengths) and must reproduce the tool's printed intermediate values and min-entropy. The counting
 * stages are checked by hand and against brute force in the other tests.
 */
class NistReferenceOutputsTest {

    private static final long N = 1_000_000;
    private static final double EXACT = 1e-12;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 500433, 0.50172091481279224, 0.99504301513122573",
            "biased-random-bits, 979988, 0.98034872224294312, 0.028633069781464748"})
    void mostCommonValue(String file, long mode, double upper, double entropy) {
        assertEquals(upper, ConfidenceBound.upper(mode / (double) N, N), EXACT);
        assertEquals(entropy, MostCommonValueEstimate.fromModeCount(mode, N), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 400078, 999999, 2.4974739206155063, 0.90093572690822665",
            "biased-random-bits, 490415, 999999, 2.0383744580128056, 0.028513792826295892"})
    void collision(String file, long collisions, long sum, double meanBound, double entropy) {
        // Binary waiting times are 2 or 3, so the sum of squares follows from v and Σt: #3s = Σt − 2v.
        long threes = sum - 2 * collisions;
        long sumOfSquares = 4 * (collisions - threes) + 9 * threes;
        assertEquals(meanBound, CollisionEstimate.meanLowerBound(collisions, sum, sumOfSquares), EXACT);
        assertEquals(entropy, CollisionEstimate.fromWaitingTimes(collisions, sum, sumOfSquares), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 0.49956699999999998, 0.49966070617154457, 0.50033929382845543, 0.49947445407168206,"
                    + " 0.50052554592831799, 0.99848647555611059",
            "biased-random-bits, 0.97998799999999997, 0.98001606143754971, 0.019983938562450287, 0.97861283230061957,"
                    + " 0.021387167699380427, 0.029123023940057065"})
    void markov(String file, double p0, double p00, double p01, double p10, double p11, double entropy) {
        assertEquals(entropy, MarkovEstimate.fromProbabilities(p0, p00, p01, p10, p11), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 5.2152990022175647, 1.0178795278641199, 5.2088573575292516, 0.03172881608928213,"
                    + " 0.82967708323406131",
            "biased-random-bits, 0.71412876245517609, 1.0802523007775686, 0.70729239203524708, 0.92877466571109557,"
                    + " 0.017766579116465196"})
    void compression(String file, double mean, double sigma, double meanBound, double p, double entropy) {
        int blocks = (int) (N / CompressionEstimate.BLOCK_BITS);
        long tested = blocks - CompressionEstimate.DICTIONARY_BLOCKS;
        assertEquals(meanBound, ConfidenceBound.lowerMean(mean, sigma, tested), EXACT);
        // The tool evaluates the expectation in long double; agreement to 1e-11 is the double's share of that.
        assertEquals(p, CompressionEstimate.probabilityForMeanBound(meanBound, blocks), 1e-11);
        assertEquals(entropy, CompressionEstimate.fromMeanBound(meanBound, blocks), 1e-11);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 0.52934264357354366, 0.53062833919023844, 0.91422636745977381",
            "biased-random-bits, 0.98145911043718781, 0.98180658153439537, 0.026489257053631029"})
    void tTupleBound(String file, double pHatMax, double upper, double entropy) {
        assertEquals(upper, ConfidenceBound.upper(pHatMax, N), EXACT);
        assertEquals(entropy, Bits.entropyOfProbability(ConfidenceBound.upper(pHatMax, N)), EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "truerand_1bit, 0.50365134530399536, 0.50493922625746557, 0.98581833722719769",
            "biased-random-bits, 0.96151101766964431, 0.96200653933019453, 0.055881394003087538"})
    void longestRepeatedSubstringBound(String file, double pHat, double upper, double entropy) {
        assertEquals(upper, ConfidenceBound.upper(pHat, N), EXACT);
        assertEquals(entropy, Bits.entropyOfProbability(ConfidenceBound.upper(pHat, N)), EXACT);
    }

    /** The tool prints r = longest run + 1. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "truerand_1bit, MultiMCW, 499731, 999937, 20, 0.5010504407582631, 0.99697224801623707",
            "truerand_1bit, Lag, 499304, 999999, 23, 0.5005924139982052, 0.99829166636629973",
            "truerand_1bit, MultiMMC, 499870, 999998, 20, 0.50115891628278564, 0.99665994380395218",
            "truerand_1bit, LZ78Y, 499727, 999983, 20, 0.50102342156637292, 0.99705004757897153",
            "biased-random-bits, MultiMCW, 979925, 999937, 534, 0.9803474839023909, 0.028634892142081356",
            "biased-random-bits, Lag, 959838, 999999, 527, 0.96034469037488657, 0.040599763274887825",
            "biased-random-bits, MultiMMC, 979985, 999998, 534, 0.98034769175944736, 0.02863458625634421",
            "biased-random-bits, LZ78Y, 979970, 999983, 534, 0.98034739691456252, 0.028635020154766919"})
    void predictor(String file, String predictor, long correct, long predictions, long r, double globalBound,
                   double entropy) {
        assertEquals(globalBound, PredictorBound.globalBound(correct, predictions), EXACT);
        assertEquals(entropy, PredictorBound.minEntropy(correct, predictions, r - 1), 1e-10);
    }

    /** The one published case where P_local, not P_global′, decides: the lag predictor on the biased file. */
    @ParameterizedTest(name = "{0}")
    @CsvSource("biased-random-bits, 526, 999999, 0.96034469037488657, 0.97225067522872544")
    void predictorLocalBound(String file, long longestRun, long predictions, double globalBound, double local) {
        assertEquals(local, PredictorBound.localBound(longestRun, predictions, globalBound), 1e-10);
    }
}

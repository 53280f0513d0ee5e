package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class MinEntropyAssessmentTest {

    private static final List<String> ALL_SECTIONS = List.of(
            "6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.3.5", "6.3.6", "6.3.7", "6.3.8", "6.3.9", "6.3.10");

    @Test
    void rejectsFewerThanAThousandBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MinEntropyAssessment.assessBits(new byte[999]));
        assertEquals("min-entropy assessment needs at least 1000 bits (SP 800-90B asks for 1,000,000), got 999",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MinEntropyAssessment.assessPacked(new byte[200], 999));
    }

    @Test
    void rejectsBytesThatAreNotBits() {
        byte[] bits = new byte[2000];
        bits[1500] = (byte) 0x80;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MinEntropyAssessment.assessBits(bits));
        assertTrue(e.getMessage().startsWith("byte 1500 is -128"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MinEntropyAssessment.assessPacked(new byte[200], 1601));
    }

    @Test
    void runsEveryEstimatorInSectionOrderAndCreditsTheMinimum() {
        Assessment assessment = MinEntropyAssessment.assessBits(KnownSourcesTest.iid(0.7, 20_000, 5L));
        assertEquals(20_000, assessment.samples());
        assertEquals(ALL_SECTIONS, assessment.results().stream().map(EstimatorResult::section).toList());
        double minimum = assessment.results().stream().mapToDouble(EstimatorResult::minEntropyPerBit).min().orElseThrow();
        assertEquals(minimum, assessment.minEntropyPerBit());
        assertEquals(minimum, assessment.limiting().minEntropyPerBit());
        for (EstimatorResult result : assessment.results()) {
            assertTrue(result.seconds() >= 0, result.name());
            assertTrue(result.minEntropyPerBit() >= 0 && result.minEntropyPerBit() <= 1, result.name());
        }
    }

    @Test
    void leavesOutEstimatorsThatNeedMoreSamples() {
        Assessment assessment = MinEntropyAssessment.assessBits(KnownSourcesTest.iid(0.5, 2_000, 6L));
        List<String> sections = assessment.results().stream().map(EstimatorResult::section).toList();
        assertEquals(List.of("6.3.1", "6.3.2", "6.3.3", "6.3.5", "6.3.6", "6.3.8", "6.3.9", "6.3.10"), sections);
    }

    @Test
    void eachResultIsWhatItsEstimatorSaysAndRepeatsExactly() {
        byte[] bits = KnownSourcesTest.iid(0.55, 30_000, 8L);
        Assessment first = MinEntropyAssessment.assessBits(bits);
        Assessment second = MinEntropyAssessment.assessBits(bits);
        List<ToDoubleFunction<byte[]>> estimators = List.of(MostCommonValueEstimate::estimate,
                CollisionEstimate::estimate, MarkovEstimate::estimate, CompressionEstimate::estimate,
                TTupleEstimate::estimate, LongestRepeatedSubstringEstimate::estimate,
                MultiMcwPredictionEstimate::estimate, LagPredictionEstimate::estimate,
                MultiMmcPredictionEstimate::estimate, Lz78yPredictionEstimate::estimate);
        for (int i = 0; i < estimators.size(); i++) {
            EstimatorResult result = first.results().get(i);
            assertEquals(estimators.get(i).applyAsDouble(bits), result.minEntropyPerBit(), 0.0, result.name());
            assertEquals(result.minEntropyPerBit(), second.results().get(i).minEntropyPerBit(), 0.0, result.name());
        }
    }

    @Test
    void packedBitsAreReadMostSignificantBitFirst() {
        byte[] bits = KnownSourcesTest.iid(0.6, 12_345, 9L);
        byte[] packed = new byte[(bits.length + 7) / 8 + 3];
        for (int i = 0; i < bits.length; i++) {
            packed[i / 8] |= (byte) (bits[i] << (7 - i % 8));
        }
        // Junk past the bit count must be ignored.
        packed[packed.length - 1] = (byte) 0xff;
        packed[bits.length / 8] |= (byte) 0x01;
        Assessment fromPacked = MinEntropyAssessment.assessPacked(packed, bits.length);
        Assessment fromBits = MinEntropyAssessment.assessBits(bits);
        assertEquals(fromBits.samples(), fromPacked.samples());
        for (int i = 0; i < fromBits.results().size(); i++) {
            assertEquals(fromBits.results().get(i).minEntropyPerBit(), fromPacked.results().get(i).minEntropyPerBit(),
                    0.0, fromBits.results().get(i).name());
        }
    }

    @Test
    void limitingPrefersTheFirstOfEqualEstimates() {
        EstimatorResult a = new EstimatorResult("a", "6.3.1", 0.25, 0);
        EstimatorResult b = new EstimatorResult("b", "6.3.2", 0.25, 0);
        EstimatorResult c = new EstimatorResult("c", "6.3.3", 0.5, 0);
        assertSame(a, new Assessment(List.of(c, a, b), 1000).limiting());
    }
}

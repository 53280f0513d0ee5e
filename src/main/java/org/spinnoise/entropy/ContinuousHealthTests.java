package org.spinnoise.entropy;

import java.util.List;
import java.util.Objects;

/**
 * Both mandatory SP 800-90B continuous health tests run side by side on one stream of raw bits: every bit goes
 * through the repetition count test and the adaptive proportion test (window {@link HealthTestCutoffs#BINARY_WINDOW}).
 * The per-bit path allocates nothing, and {@link #acceptPacked(byte[], int, int)} takes bits eight to a byte straight
 * from a read buffer. Not thread-safe: one instance per bit stream.
 */
public final class ContinuousHealthTests {

    private final RepetitionCountTest repetitionCount;
    private final AdaptiveProportionTest adaptiveProportion;

    private ContinuousHealthTests(RepetitionCountTest repetitionCount, AdaptiveProportionTest adaptiveProportion) {
        this.repetitionCount = repetitionCount;
        this.adaptiveProportion = adaptiveProportion;
    }

    /**
     * Health tests for a binary source credited with {@code claimedEntropyPerBit} bits of min-entropy per bit.
     *
     * @param claimedEntropyPerBit min-entropy per raw bit, 0 &lt; H ≤ 1
     * @param alpha                false-positive probability of each test, e.g. 2^−30
     */
    public static ContinuousHealthTests binary(double claimedEntropyPerBit, double alpha) {
        if (!(claimedEntropyPerBit > 0 && claimedEntropyPerBit <= 1)) {
            throw new IllegalArgumentException("a bit carries between 0 (exclusive) and 1 bit of min-entropy, claimed "
                    + claimedEntropyPerBit);
        }
        return new ContinuousHealthTests(RepetitionCountTest.forEntropy(claimedEntropyPerBit, alpha),
                AdaptiveProportionTest.forEntropy(claimedEntropyPerBit, alpha, HealthTestCutoffs.BINARY_WINDOW));
    }

    /**
     * Feeds one bit to both tests; returns false when either test fails on it.
     *
     * @throws IllegalArgumentException when {@code bit} is neither 0 nor 1
     */
    public boolean accept(int bit) {
        if ((bit & ~1) != 0) {
            throw new IllegalArgumentException("a raw bit must be 0 or 1, got " + bit);
        }
        // Non-short-circuit '&': both tests must see every bit.
        return repetitionCount.accept(bit) & adaptiveProportion.accept(bit);
    }

    /**
     * Feeds {@code lengthBytes} bytes of packed bits, most significant bit of each byte first, to both tests.
     * Failures are counted as by {@link #accept(int)}; read them from {@link #reports()} or {@link #anyFailure()}.
     */
    public void acceptPacked(byte[] packedMsbFirst, int offsetBytes, int lengthBytes) {
        Objects.checkFromIndexSize(offsetBytes, lengthBytes, packedMsbFirst.length);
        int end = offsetBytes + lengthBytes;
        for (int i = offsetBytes; i < end; i++) {
            int octet = packedMsbFirst[i];
            for (int shift = 7; shift >= 0; shift--) {
                int bit = (octet >>> shift) & 1;
                repetitionCount.accept(bit);
                adaptiveProportion.accept(bit);
            }
        }
    }

    /** One report per test: repetition count first, then adaptive proportion. */
    public List<HealthTestReport> reports() {
        return List.of(repetitionCount.report(), adaptiveProportion.report());
    }

    /** Whether either test has failed since construction or the last {@link #reset()}. */
    public boolean anyFailure() {
        return repetitionCount.failures() + adaptiveProportion.failures() > 0;
    }

    /** Restarts both tests, as if newly built. */
    public void reset() {
        repetitionCount.reset();
        adaptiveProportion.reset();
    }
}

package org.spinnoise.entropy;

/**
 * SP 800-90B §4.4.2 adaptive proportion test: detects a large loss of entropy from one value becoming too common.
 * Samples are cut into consecutive, non-overlapping windows of W; the first sample of each window is its reference
 * and counts as its first occurrence, and the sample that makes the reference's count reach the cutoff C is a
 * failure. The window still runs to its end after a failure, so a window fails at most once. Works on any sample
 * alphabet. Not thread-safe: one instance per sample stream.
 */
public final class AdaptiveProportionTest {

    static final String NAME = "adaptive proportion";

    private final int windowSize;
    private final int cutoff;
    private int reference;
    private int count;
    private int position;
    private int maxCountSeen;
    private long samplesSeen;
    private long failures;
    private long windowsCompleted;

    /**
     * @param windowSize samples per window W, at least 2 ({@link HealthTestCutoffs#BINARY_WINDOW} for bits)
     * @param cutoff     occurrences of the reference within a window that fail the test, 2 ≤ C ≤ W
     */
    public AdaptiveProportionTest(int windowSize, int cutoff) {
        if (windowSize < 2) {
            throw new IllegalArgumentException("adaptive proportion window must hold at least 2 samples, got " + windowSize);
        }
        if (cutoff < 2 || cutoff > windowSize) {
            throw new IllegalArgumentException("adaptive proportion cutoff must lie within 2.." + windowSize + ", got " + cutoff);
        }
        this.windowSize = windowSize;
        this.cutoff = cutoff;
    }

    /** A test with the cutoff {@link HealthTestCutoffs#adaptiveProportion(double, double, int)} gives. */
    public static AdaptiveProportionTest forEntropy(double entropyPerSampleBits, double alphaFalsePositive, int windowSize) {
        return new AdaptiveProportionTest(windowSize,
                HealthTestCutoffs.adaptiveProportion(entropyPerSampleBits, alphaFalsePositive, windowSize));
    }

    /** Feeds one sample; returns false when this sample fails the test. Allocation-free. */
    public boolean accept(int sample) {
        if (position == 0) {
            // Counting from 0 lets the reference count itself on the common path below.
            reference = sample;
            count = 0;
        }
        int hit = sample == reference ? 1 : 0;
        count += hit;
        maxCountSeen = Math.max(maxCountSeen, count);
        samplesSeen++;
        if (++position == windowSize) {
            position = 0;
            windowsCompleted++;
        }
        // Only the sample that lifts the count onto the cutoff fails, so one window fails at most once.
        if (hit == 0 || count != cutoff) {
            return true;
        }
        failures++;
        return false;
    }

    public int windowSize() {
        return windowSize;
    }

    public int cutoff() {
        return cutoff;
    }

    public long failures() {
        return failures;
    }

    public long samplesSeen() {
        return samplesSeen;
    }

    public long windowsCompleted() {
        return windowsCompleted;
    }

    /** The most occurrences of a window's reference seen so far (the window in progress included). */
    public int maxCountSeen() {
        return maxCountSeen;
    }

    /** Forgets everything, as if newly constructed; the next sample opens a window. */
    public void reset() {
        reference = 0;
        count = 0;
        position = 0;
        maxCountSeen = 0;
        samplesSeen = 0;
        failures = 0;
        windowsCompleted = 0;
    }

    public HealthTestReport report() {
        return new HealthTestReport(NAME, cutoff, samplesSeen, failures, maxCountSeen);
    }
}

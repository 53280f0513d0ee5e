package org.spinnoise.entropy;

/**
 * SP 800-90B §4.4.1 repetition count test: detects a noise source stuck on one value. The run count includes the
 * first sample of the run; the sample that makes a run of identical samples reach the cutoff C is a failure. After a
 * failure counting starts afresh with the next sample, so a source stuck for good fails once every C samples and
 * {@link #longestRun()} never exceeds C. Works on any sample alphabet (samples are compared as ints). Not thread-safe:
 * one instance per sample stream.
 */
public final class RepetitionCountTest {

    static final String NAME = "repetition count";

    private final int cutoff;
    private int previous;
    private int run;
    private int longestRun;
    private long samplesSeen;
    private long failures;

    /** @param cutoff count of identical consecutive samples that fails the test, at least 2 */
    public RepetitionCountTest(int cutoff) {
        if (cutoff < 2) {
            throw new IllegalArgumentException("repetition count cutoff must be at least 2, got " + cutoff);
        }
        this.cutoff = cutoff;
    }

    /** A test with the cutoff {@link HealthTestCutoffs#repetitionCount(double, double)} gives for H and α. */
    public static RepetitionCountTest forEntropy(double entropyPerSampleBits, double alphaFalsePositive) {
        return new RepetitionCountTest(HealthTestCutoffs.repetitionCount(entropyPerSampleBits, alphaFalsePositive));
    }

    /** Feeds one sample; returns false when this sample fails the test. Allocation-free. */
    public boolean accept(int sample) {
        // A run of 0 (fresh start or just after a failure) becomes 1 whatever the previous sample was.
        run = sample == previous ? run + 1 : 1;
        previous = sample;
        samplesSeen++;
        longestRun = Math.max(longestRun, run);
        if (run < cutoff) {
            return true;
        }
        failures++;
        run = 0;
        return false;
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

    /** Longest run counted so far (capped at the cutoff, since counting restarts after a failure). */
    public int longestRun() {
        return longestRun;
    }

    /** Forgets everything, as if newly constructed. */
    public void reset() {
        previous = 0;
        run = 0;
        longestRun = 0;
        samplesSeen = 0;
        failures = 0;
    }

    public HealthTestReport report() {
        return new HealthTestReport(NAME, cutoff, samplesSeen, failures, longestRun);
    }
}
